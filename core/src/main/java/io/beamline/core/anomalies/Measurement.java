package io.beamline.core.anomalies;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/**
 * One drift or skew measure of a feature, as anomalies.proto's {@code DriftSkewInfo.ComparisonResult}.
 *
 * @param type the measure: {@code L_INFTY}, {@code JENSEN_SHANNON_DIVERGENCE},
 *     {@code NORMALIZED_ABSOLUTE_DIFFERENCE}, or the Beamline extensions {@code KOLMOGOROV_SMIRNOV},
 *     {@code POPULATION_STABILITY_INDEX}, {@code NORMALIZED_WASSERSTEIN}
 * @param value the measured value
 * @param threshold the value above which the feature is flagged; null when only reported
 * @param flagged whether {@code value > threshold}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Measurement(String type, double value, Double threshold, boolean flagged) {
  public Measurement {
    Objects.requireNonNull(type, "type");
  }
}
