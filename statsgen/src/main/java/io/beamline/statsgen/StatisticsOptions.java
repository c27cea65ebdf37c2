package io.beamline.statsgen;

import io.beamline.core.InvalidParameterException;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
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
 * @param weightFeature the feature holding each example's weight (one finite value >= 0), or null
 *     for none; with one, every statistic also gets its weighted variant and the weight feature
 *     itself gets no statistics
 * @param sliceBy features whose values (or, for several, combinations of values) define slices,
 *     each with its own statistics after the whole data set's; empty for none
 * @param maxSlices most slices allowed (default 1,000), beyond which computing fails, so that
 *     memory stays bounded
 */
public record StatisticsOptions(
    int topK, long cardinalityBound, int rankHistogramBuckets, Set<String> categoricalFeatures,
    String weightFeature, List<String> sliceBy, int maxSlices)
    implements Serializable {

  public static final int DEFAULT_MAX_SLICES = 1000;

  /** Options without weights or slices. */
  public StatisticsOptions(int topK, long cardinalityBound, int rankHistogramBuckets, Set<String> categoricalFeatures) {
    this(topK, cardinalityBound, rankHistogramBuckets, categoricalFeatures, null, List.of(), DEFAULT_MAX_SLICES);
  }

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
    // sorted, so parameters serialize (and cache keys hash) the same in every JVM
    categoricalFeatures = Collections.unmodifiableSortedSet(new TreeSet<>(categoricalFeatures));
    sliceBy = List.copyOf(sliceBy);
    if (weightFeature != null && weightFeature.isBlank()) {
      throw new InvalidParameterException("weight feature must not be blank; use null for none");
    }
    if (Set.copyOf(sliceBy).size() != sliceBy.size()) {
      throw new InvalidParameterException("slice_by has duplicates: " + sliceBy);
    }
    if (weightFeature != null && sliceBy.contains(weightFeature)) {
      throw new InvalidParameterException("Feature '" + weightFeature + "' cannot be both the weight feature and a"
          + " slice feature");
    }
    if (maxSlices < 1) {
      throw new InvalidParameterException("max slices must be at least 1, got " + maxSlices);
    }
  }

  public static StatisticsOptions defaults() {
    return new StatisticsOptions(20, 1_000_000, 1000, Set.of());
  }

  public StatisticsOptions withTopK(int k) {
    return new StatisticsOptions(k, cardinalityBound, rankHistogramBuckets, categoricalFeatures, weightFeature,
        sliceBy, maxSlices);
  }

  public StatisticsOptions withCardinalityBound(long bound) {
    return new StatisticsOptions(topK, bound, rankHistogramBuckets, categoricalFeatures, weightFeature, sliceBy,
        maxSlices);
  }

  public StatisticsOptions withRankHistogramBuckets(int buckets) {
    return new StatisticsOptions(topK, cardinalityBound, buckets, categoricalFeatures, weightFeature, sliceBy,
        maxSlices);
  }

  public StatisticsOptions withCategorical(Set<String> features) {
    return new StatisticsOptions(topK, cardinalityBound, rankHistogramBuckets, features, weightFeature, sliceBy,
        maxSlices);
  }

  /** Weighted statistics by {@code feature}'s values; null for none. */
  public StatisticsOptions withWeightFeature(String feature) {
    return new StatisticsOptions(topK, cardinalityBound, rankHistogramBuckets, categoricalFeatures, feature, sliceBy,
        maxSlices);
  }

  /** Statistics per value (one feature) or combination of values (several) of {@code features}, too. */
  public StatisticsOptions withSliceBy(List<String> features) {
    return new StatisticsOptions(topK, cardinalityBound, rankHistogramBuckets, categoricalFeatures, weightFeature,
        features, maxSlices);
  }

  public StatisticsOptions withMaxSlices(int max) {
    return new StatisticsOptions(topK, cardinalityBound, rankHistogramBuckets, categoricalFeatures, weightFeature,
        sliceBy, max);
  }

  @Override
  public String toString() {
    return "StatisticsOptions{topK=" + topK + ", cardinalityBound=" + cardinalityBound
        + ", rankHistogramBuckets=" + rankHistogramBuckets + ", categorical=" + new TreeSet<>(categoricalFeatures)
        + ", weightFeature=" + weightFeature + ", sliceBy=" + sliceBy + ", maxSlices=" + maxSlices + "}";
  }
}
