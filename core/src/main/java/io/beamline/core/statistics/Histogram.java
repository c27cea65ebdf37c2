package io.beamline.core.statistics;

import java.io.Serializable;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * A histogram of numeric values, as statistics.proto's {@code Histogram}.
 *
 * @param type {@code STANDARD} (equal-width buckets) or {@code QUANTILES} (equal-mass buckets)
 * @param numNan values left out because they are NaN
 * @param buckets buckets in increasing order of value
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Histogram(Type type, long numNan, List<Bucket> buckets) implements Serializable {
  /** The histogram kinds of statistics.proto. */
  public enum Type {
    STANDARD,
    QUANTILES
  }

  public Histogram {
    Objects.requireNonNull(type, "type");
    if (numNan < 0) {
      throw new IllegalArgumentException("num_nan must be >= 0, got " + numNan);
    }
    buckets = List.copyOf(buckets);
  }

  /**
   * One bucket: values in {@code [lowValue, highValue]} (the lower bound is exclusive for every
   * bucket but the first).
   *
   * @param sampleCount how many values fall in the bucket; an estimate for sketch-based buckets
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Bucket(double lowValue, double highValue, double sampleCount) implements Serializable {
    public Bucket {
      if (!(lowValue <= highValue)) {
        throw new IllegalArgumentException("Bucket low_value " + lowValue + " must be <= high_value "
            + highValue);
      }
      if (!(sampleCount >= 0)) {
        throw new IllegalArgumentException("Bucket sample_count must be >= 0, got " + sampleCount);
      }
    }
  }

  /** The total of the buckets' sample counts. */
  public double totalCount() {
    double total = 0;
    for (Bucket b : buckets) {
      total += b.sampleCount();
    }
    return total;
  }
}
