package io.beamline.core.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * Statistics of a STRING or BYTES feature (or of an INT feature treated as categorical), as
 * statistics.proto's {@code StringStatistics}.
 *
 * @param unique distinct values; exact unless {@code approximate}
 * @param topValues most frequent values, most frequent first, ties by value
 * @param avgLength average length of a value in bytes (UTF-8)
 * @param rankHistogram frequencies by rank
 * @param invalidUtf8Count values that are not valid UTF-8 (Beamline extension); they are counted
 *     under the label {@code __BYTES_VALUE__} as TFDV does
 * @param approximate true when the feature had more distinct values than the exact cardinality
 *     bound, so {@code unique} comes from a CPC sketch and top values from a frequent-items sketch
 *     (Beamline extension)
 * @param weightedStringStats top values and rank histogram weighted by the weight feature; null
 *     (absent from the JSON) when no weight feature is used
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StringStatistics(
    long unique,
    List<FreqAndValue> topValues,
    double avgLength,
    RankHistogram rankHistogram,
    long invalidUtf8Count,
    boolean approximate,
    WeightedStringStatistics weightedStringStats) implements Serializable {

  /** Unweighted string statistics. */
  public StringStatistics(long unique, List<FreqAndValue> topValues, double avgLength, RankHistogram rankHistogram,
      long invalidUtf8Count, boolean approximate) {
    this(unique, topValues, avgLength, rankHistogram, invalidUtf8Count, approximate, null);
  }

  public StringStatistics {
    if (unique < 0 || invalidUtf8Count < 0) {
      throw new IllegalArgumentException("String statistics counts must be >= 0");
    }
    topValues = List.copyOf(topValues);
    Objects.requireNonNull(rankHistogram, "rankHistogram");
  }

  /**
   * A value and how often it occurs.
   *
   * @param frequency occurrences (an estimate when the statistics are approximate)
   */
  public record FreqAndValue(String value, double frequency) implements Serializable {
    public FreqAndValue {
      Objects.requireNonNull(value, "value");
    }
  }
}
