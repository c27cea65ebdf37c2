package io.beamline.core.statistics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;

/**
 * Common statistics where each example counts with its weight (the value of the weight feature),
 * as statistics.proto's {@code WeightedCommonStatistics}.
 *
 * @param numNonMissing total weight of the examples where the feature is present
 * @param numMissing total weight of the examples where it is absent
 * @param avgNumValues {@code totNumValues / numNonMissing} (0 when the present weight is 0)
 * @param totNumValues sum over present examples of weight times number of values
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WeightedCommonStatistics(
    double numNonMissing, double numMissing, double avgNumValues, double totNumValues) implements Serializable {

  public WeightedCommonStatistics {
    if (!(numNonMissing >= 0) || !(numMissing >= 0) || !(avgNumValues >= 0) || !(totNumValues >= 0)) {
      throw new IllegalArgumentException("Weighted common statistics must be finite and >= 0: num_non_missing="
          + numNonMissing + " num_missing=" + numMissing + " avg_num_values=" + avgNumValues
          + " tot_num_values=" + totNumValues);
    }
  }
}
