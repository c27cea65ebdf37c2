package io.beamline.evaluator.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beamline.core.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;

/** What a model predicts, which decides the metrics: a positive-class probability, a class distribution, or a number. */
public enum Task {
  BINARY, MULTICLASS, REGRESSION;

  /** The config name ({@code binary}, {@code multiclass}, {@code regression}), any case. */
  @JsonCreator
  public static Task parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("Unknown task '" + name + "': expected one of "
          + Arrays.stream(values()).map(Task::configName).toList());
    }
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
