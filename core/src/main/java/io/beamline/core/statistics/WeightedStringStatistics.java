package io.beamline.core.statistics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * String statistics where each value counts with its example's weight, as statistics.proto's
 * {@code WeightedStringStatistics}.
 *
 * @param topValues values with the largest total weight, largest first, ties by value; the
 *     frequency is the total weight
 * @param rankHistogram total weights by weighted rank
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WeightedStringStatistics(List<StringStatistics.FreqAndValue> topValues, RankHistogram rankHistogram)
    implements Serializable {

  public WeightedStringStatistics {
    topValues = List.copyOf(topValues);
    Objects.requireNonNull(rankHistogram, "rankHistogram");
  }
}
