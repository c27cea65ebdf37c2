package io.beamline.validator;

import io.beamline.core.InvalidParameterException;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of {@link RowValidator}.
 *
 * @param splitNames the splits to check; empty (default) checks every split of the Examples artifact
 * @param samplesPerKey how many offending examples to keep per (feature, anomaly type), the first in
 *     file and record order (default 100); every offending example is counted regardless
 * @param environment the schema environment the data comes from (e.g. {@code SERVING}); empty
 *     (default) holds every feature to the schema
 */
public record RowValidatorParameters(List<String> splitNames, int samplesPerKey, String environment) {
  public static final int DEFAULT_SAMPLES_PER_KEY = 100;

  public RowValidatorParameters {
    splitNames = List.copyOf(splitNames);
    Objects.requireNonNull(environment, "environment");
    if (samplesPerKey < 1) {
      throw new InvalidParameterException("samples_per_key must be >= 1, got " + samplesPerKey);
    }
  }

  public static RowValidatorParameters defaults() {
    return new RowValidatorParameters(List.of(), DEFAULT_SAMPLES_PER_KEY, "");
  }

  public RowValidatorParameters withSplitNames(List<String> splits) {
    return new RowValidatorParameters(splits, samplesPerKey, environment);
  }

  public RowValidatorParameters withSamplesPerKey(int n) {
    return new RowValidatorParameters(splitNames, n, environment);
  }

  public RowValidatorParameters withEnvironment(String env) {
    return new RowValidatorParameters(splitNames, samplesPerKey, env);
  }
}
