package io.beamline.core.anomalies;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * The drift and skew measures of one feature, as anomalies.proto's {@code DriftSkewInfo}; reported
 * whether or not they exceed a threshold, so a user can see how close to the edge a feature is.
 *
 * @param path the feature name
 * @param driftMeasurements this span against the baseline (previous) statistics
 * @param skewMeasurements training against serving statistics
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DriftSkewInfo(String path, List<Measurement> driftMeasurements, List<Measurement> skewMeasurements) {
  public DriftSkewInfo {
    Objects.requireNonNull(path, "path");
    driftMeasurements = List.copyOf(driftMeasurements);
    skewMeasurements = List.copyOf(skewMeasurements);
  }
}
