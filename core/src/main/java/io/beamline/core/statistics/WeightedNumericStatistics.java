package io.beamline.core.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Numeric statistics where each value counts with its example's weight, as statistics.proto's
 * {@code WeightedNumericStatistics}. Like {@link NumericStatistics}, NaN and infinities are left
 * out, and {@code mean}, {@code stdDev} and {@code median} are null (absent from the JSON) when no
 * finite value has a positive weight.
 *
 * @param mean exact weighted mean: sum of weight times value over sum of weights
 * @param stdDev exact weighted population standard deviation
 * @param median weighted median from a weighted KLL sketch (accuracy in the statsgen README)
 * @param histograms one STANDARD and one QUANTILES histogram whose bucket counts are weights
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WeightedNumericStatistics(Double mean, Double stdDev, Double median, List<Histogram> histograms)
    implements Serializable {

  public WeightedNumericStatistics {
    histograms = List.copyOf(histograms);
  }

  /** The histogram of the given type, if present. */
  public Optional<Histogram> histogram(Histogram.Type type) {
    return histograms.stream().filter(h -> h.type() == type).findFirst();
  }
}
