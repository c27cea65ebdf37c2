package io.beamline.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * The data set's verdict with its per-feature results.
 *
 * @param features every feature present in both spans, by name
 * @param driftedShare drifted features over judged features (0 when none was judged)
 * @param threshold the share at or above which the data set is drifted
 * @param drifted whether it is
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatasetDrift(List<FeatureDrift> features, double driftedShare, double threshold, boolean drifted) {
  public DatasetDrift {
    features = List.copyOf(features);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public List<String> driftedFeatures() {
    return features.stream().filter(FeatureDrift::drifted).map(FeatureDrift::feature).toList();
  }
}
