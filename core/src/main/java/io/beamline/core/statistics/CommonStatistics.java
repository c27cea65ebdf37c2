package io.beamline.core.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/**
 * Statistics every feature has, as statistics.proto's {@code CommonStatistics}. A feature is
 * missing from an example when the example has no entry for it; an entry with zero values is
 * present (non-missing) with 0 values.
 *
 * @param numNonMissing examples where the feature is present
 * @param numMissing examples where it is absent
 * @param minNumValues fewest values in one present example (0 when none is present)
 * @param maxNumValues most values in one present example
 * @param avgNumValues {@code totNumValues / numNonMissing} (0 when none is present)
 * @param totNumValues values over all examples
 * @param numValuesHistogram quantiles of the values-per-example counts (10 equal-mass buckets,
 *     from a KLL sketch)
 * @param weightedCommonStats the same counts weighted by the weight feature; null (absent from the
 *     JSON) when no weight feature is used
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommonStatistics(
    long numNonMissing,
    long numMissing,
    long minNumValues,
    long maxNumValues,
    double avgNumValues,
    long totNumValues,
    Histogram numValuesHistogram,
    WeightedCommonStatistics weightedCommonStats) implements Serializable {

  /** Unweighted common statistics. */
  public CommonStatistics(long numNonMissing, long numMissing, long minNumValues, long maxNumValues,
      double avgNumValues, long totNumValues, Histogram numValuesHistogram) {
    this(numNonMissing, numMissing, minNumValues, maxNumValues, avgNumValues, totNumValues, numValuesHistogram, null);
  }

  public CommonStatistics {
    if (numNonMissing < 0 || numMissing < 0 || totNumValues < 0 || minNumValues < 0
        || maxNumValues < minNumValues) {
      throw new IllegalArgumentException("Inconsistent common statistics: num_non_missing="
          + numNonMissing + " num_missing=" + numMissing + " min/max_num_values=" + minNumValues
          + "/" + maxNumValues + " tot_num_values=" + totNumValues);
    }
    Objects.requireNonNull(numValuesHistogram, "numValuesHistogram");
  }
}
