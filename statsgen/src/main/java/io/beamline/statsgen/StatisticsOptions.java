package io.beamline.statsgen;

import io.beamline.core.InvalidParameterException;
import java.io.Serializable;
import java.util.Set;
import java.util.TreeSet;

/**
 * How statistics are computed. Immutable; start from {@link #defaults()} and change with
 * {@code withX}.
 *
 * <pre>{@code
 * StatisticsOptions options = StatisticsOptions.defaults().withTopK(5).withCategorical(Set.of("payment_code"));
 * }</pre>
 *
 * @param topK how many most frequent values {@code top_values} lists (default 20)
 * @param cardinalityBound distinct values per feature counted exactly (default 1,000,000); past it
 *     {@code unique} and top values come from sketches and are marked approximate
 * @param rankHistogramBuckets ranks in {@code rank_histogram} (default 1000, as TFDV)
 * @param categoricalFeatures INT features that also get string statistics (unique, top values)
 */
public record StatisticsOptions(
    int topK, long cardinalityBound, int rankHistogramBuckets, Set<String> categoricalFeatures)
    implements Serializable {

  public StatisticsOptions {
    if (topK < 1) {
      throw new InvalidParameterException("top_k must be at least 1, got " + topK);
    }
    if (cardinalityBound < 1) {
      throw new InvalidParameterException("cardinality bound must be at least 1, got " + cardinalityBound);
    }
    if (rankHistogramBuckets < 0) {
      throw new InvalidParameterException("rank histogram buckets must be >= 0, got " + rankHistogramBuckets);
    }
    categoricalFeatures = Set.copyOf(categoricalFeatures);
  }

  public static StatisticsOptions defaults() {
    return new StatisticsOptions(20, 1_000_000, 1000, Set.of());
  }

  public StatisticsOptions withTopK(int k) {
    return new StatisticsOptions(k, cardinalityBound, rankHistogramBuckets, categoricalFeatures);
  }

  public StatisticsOptions withCardinalityBound(long bound) {
    return new StatisticsOptions(topK, bound, rankHistogramBuckets, categoricalFeatures);
  }

  public StatisticsOptions withRankHistogramBuckets(int buckets) {
    return new StatisticsOptions(topK, cardinalityBound, buckets, categoricalFeatures);
  }

  public StatisticsOptions withCategorical(Set<String> features) {
    return new StatisticsOptions(topK, cardinalityBound, rankHistogramBuckets, features);
  }

  @Override
  public String toString() {
    return "StatisticsOptions{topK=" + topK + ", cardinalityBound=" + cardinalityBound
        + ", rankHistogramBuckets=" + rankHistogramBuckets + ", categorical=" + new TreeSet<>(categoricalFeatures) + "}";
  }
}
