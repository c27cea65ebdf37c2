package io.beamline.statsgen;

import io.beamline.core.statistics.DatasetFeatureStatistics;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Feature statistics of Arrow example batches, with or without Beam. The same mergeable
 * accumulators back both: memory is bounded per feature whatever the number of rows.
 *
 * <pre>{@code
 * DatasetFeatureStatistics stats = FeatureStatistics.computeRoots(List.of(root1, root2));
 * double meanFare = stats.requireFeature("fare").numStats().mean();
 * }</pre>
 *
 * <p>Exact: counts, missing, values per example (min, max, avg, total), mean, standard deviation
 * (population), min, max, zeros, NaN and infinity counts, and {@code unique} and top values up to
 * {@link StatisticsOptions#cardinalityBound()} distinct values. From KLL sketches (k = 400, rank
 * error at most 0.68% per quantile and 0.86% per histogram edge): median, histograms, the values-
 * per-example histogram.
 */
public final class FeatureStatistics {
  private FeatureStatistics() {}

  /** Statistics of Arrow roots in the ExampleBatch convention, with default options. */
  public static DatasetFeatureStatistics computeRoots(Iterable<VectorSchemaRoot> roots) {
    return computeRoots(roots, StatisticsOptions.defaults());
  }

  public static DatasetFeatureStatistics computeRoots(Iterable<VectorSchemaRoot> roots, StatisticsOptions options) {
    DatasetAccumulator acc = new DatasetAccumulator(options);
    for (VectorSchemaRoot root : roots) {
      acc.add(root);
    }
    return acc.toStatistics(DatasetFeatureStatistics.ALL_EXAMPLES);
  }
}
