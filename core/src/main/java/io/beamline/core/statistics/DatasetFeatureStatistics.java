package io.beamline.core.statistics;

import java.io.Serializable;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.InvalidParameterException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The statistics of one data set (a split, or one slice of it), as statistics.proto's
 * {@code DatasetFeatureStatistics}.
 *
 * @param name the data set's name: {@value #ALL_EXAMPLES} for a whole split, else the slice
 * @param numExamples examples in the data set
 * @param weightedNumExamples sum of the weight feature, null when no weight feature is used
 * @param features per-feature statistics, sorted by feature name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetFeatureStatistics(
    String name, long numExamples, Double weightedNumExamples, List<FeatureNameStatistics> features) implements Serializable {
  /** The name of the unsliced data set, as TFDV names it. */
  public static final String ALL_EXAMPLES = "All Examples";

  public DatasetFeatureStatistics {
    Objects.requireNonNull(name, "name");
    if (numExamples < 0) {
      throw new IllegalArgumentException("num_examples must be >= 0, got " + numExamples);
    }
    features = List.copyOf(features);
  }

  public Optional<FeatureNameStatistics> feature(String featureName) {
    return features.stream().filter(f -> f.name().equals(featureName)).findFirst();
  }

  /** The feature's statistics, or an error listing the features there are. */
  public FeatureNameStatistics requireFeature(String featureName) {
    return feature(featureName).orElseThrow(() -> new InvalidParameterException("No statistics for feature '"
        + featureName + "' in data set '" + name + "'; features: "
        + features.stream().map(FeatureNameStatistics::name).toList()));
  }
}
