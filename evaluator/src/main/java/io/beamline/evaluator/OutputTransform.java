package io.beamline.evaluator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beamline.core.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What turns a model's output into what the metrics read: {@code none} (already probabilities, or a
 * regression value), {@code sigmoid} (each value is a logit), {@code softmax} (each row is a vector of
 * class logits). Applied on the JVM after the model call, so the SavedModel is used as it is.
 */
public enum OutputTransform {
  NONE, SIGMOID, SOFTMAX;

  @JsonCreator
  public static OutputTransform parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("Unknown output_transform '" + name + "': expected one of "
          + Arrays.stream(values()).map(OutputTransform::configName).toList());
    }
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Transforms {@code n} rows of {@code columns} values in place. */
  void apply(float[] values, int columns) {
    switch (this) {
      case NONE -> { }
      case SIGMOID -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (1.0 / (1.0 + Math.exp(-values[i])));
        }
      }
      case SOFTMAX -> {
        for (int row = 0; row < values.length; row += columns) {
          double max = Double.NEGATIVE_INFINITY;
          for (int c = row; c < row + columns; c++) {
            max = Math.max(max, values[c]);
          }
          double sum = 0;
          for (int c = row; c < row + columns; c++) {
            sum += Math.exp(values[c] - max);
          }
          for (int c = row; c < row + columns; c++) {
            values[c] = (float) (Math.exp(values[c] - max) / sum);
          }
        }
      }
    }
  }
}
