package io.beamline.core.statistics;

import java.io.Serializable;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * Frequencies of a string feature's values by rank (most frequent first), as statistics.proto's
 * {@code RankHistogram}.
 */
public record RankHistogram(List<Bucket> buckets) implements Serializable {
  public RankHistogram {
    buckets = List.copyOf(buckets);
  }

  /**
   * The values of ranks {@code lowRank..highRank} (0-based); Beamline writes one rank per bucket.
   *
   * @param label the value at that rank
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Bucket(long lowRank, long highRank, String label, double sampleCount) implements Serializable {
    public Bucket {
      Objects.requireNonNull(label, "label");
      if (lowRank < 0 || highRank < lowRank) {
        throw new IllegalArgumentException("Rank bucket needs 0 <= low_rank <= high_rank, got "
            + lowRank + ".." + highRank);
      }
    }
  }
}
