package io.beamline.core.statistics;

import java.io.Serializable;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Optional;

/**
 * Statistics of an INT or FLOAT feature, as statistics.proto's {@code NumericStatistics}. NaN and
 * infinite values are counted ({@code numNan}, {@code numPosInf}, {@code numNegInf}) and kept out of
 * every other field; {@code mean}, {@code stdDev}, {@code min}, {@code median} and {@code max} are
 * null (absent from the JSON) when the feature has no finite value.
 *
 * @param mean exact mean of the finite values
 * @param stdDev exact population standard deviation of the finite values
 * @param numZeros values equal to 0
 * @param min smallest finite value
 * @param median median from the KLL sketch (rank error in the statsgen README)
 * @param max largest finite value
 * @param numNan NaN values (Beamline extension)
 * @param numPosInf +Infinity values (Beamline extension)
 * @param numNegInf -Infinity values (Beamline extension)
 * @param histograms one STANDARD and one QUANTILES histogram of the finite values
 * @param weightedNumericStats the same weighted by the weight feature; null (absent from the JSON)
 *     when no weight feature is used
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NumericStatistics(
    Double mean,
    Double stdDev,
    long numZeros,
    Double min,
    Double median,
    Double max,
    long numNan,
    long numPosInf,
    long numNegInf,
    List<Histogram> histograms,
    WeightedNumericStatistics weightedNumericStats) implements Serializable {

  /** Unweighted numeric statistics. */
  public NumericStatistics(Double mean, Double stdDev, long numZeros, Double min, Double median, Double max,
      long numNan, long numPosInf, long numNegInf, List<Histogram> histograms) {
    this(mean, stdDev, numZeros, min, median, max, numNan, numPosInf, numNegInf, histograms, null);
  }

  public NumericStatistics {
    if (numZeros < 0 || numNan < 0 || numPosInf < 0 || numNegInf < 0) {
      throw new IllegalArgumentException("Numeric statistics counts must be >= 0");
    }
    histograms = List.copyOf(histograms);
  }

  /** The histogram of the given type, if present. */
  public Optional<Histogram> histogram(Histogram.Type type) {
    return histograms.stream().filter(h -> h.type() == type).findFirst();
  }
}
