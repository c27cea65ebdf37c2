package io.beamline.statsgen;

import io.beamline.io.examples.ExampleBatch;
import io.beamline.core.examples.FeatureType;
import io.beamline.io.csv.CsvBatch;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Feature statistics of Arrow example batches, with or without Beam. The same mergeable
 * accumulators back both: memory is bounded per feature whatever the number of rows.
 *
 * <pre>{@code
 * DatasetFeatureStatistics stats = FeatureStatistics.compute(List.of(batch1, batch2));
 * double meanFare = stats.requireFeature("fare").numStats().mean();
 *
 * PCollection<DatasetFeatureStatistics> perSplit = batches.apply(FeatureStatistics.globally());
 * }</pre>
 *
 * <p>Exact: counts, missing, values per example (min, max, avg, total), mean, standard deviation
 * (population), min, max, zeros, NaN and infinity counts, and {@code unique} and top values up to
 * {@link StatisticsOptions#cardinalityBound()} distinct values. From KLL sketches (k = 400, rank
 * error at most 0.68% per quantile and 0.86% per histogram edge): median, histograms, the values-
 * per-example histogram.
 *
 * <p>Weights ({@link StatisticsOptions#withWeightFeature}) add the weighted variants to every
 * method's output. Slices ({@link StatisticsOptions#withSliceBy}) are computed only by the
 * {@code ...WithSlices} methods, which return the whole data set first and then one data set per
 * slice, all in the same single pass over the batches; the other methods ignore {@code sliceBy}.
 *
 * <pre>{@code
 * DatasetFeatureStatisticsList bySlice = FeatureStatistics.computeWithSlices(batches,
 *     StatisticsOptions.defaults().withSliceBy(List.of("payment_type")));
 * DatasetFeatureStatistics cash = bySlice.dataset("payment_type_Cash");
 * }</pre>
 */
public final class FeatureStatistics {
  private FeatureStatistics() {}

  /**
   * A Beam transform computing the statistics of a whole PCollection of batches (an empty one gives
   * statistics with no examples and no features). The accumulator coder is deterministic.
   */
  public static Combine.Globally<ExampleBatch, DatasetFeatureStatistics> globally() {
    return globally(StatisticsOptions.defaults());
  }

  public static Combine.Globally<ExampleBatch, DatasetFeatureStatistics> globally(StatisticsOptions options) {
    return Combine.globally(StatisticsCombineFn.whole(options, FeatureStatistics::addBatch));
  }

  /**
   * A Beam transform computing the statistics of the whole PCollection and of each of its slices
   * ({@link StatisticsOptions#sliceBy()}) in one pass: the whole data set first, then slices by name.
   */
  public static Combine.Globally<ExampleBatch, DatasetFeatureStatisticsList> globallyWithSlices(
      StatisticsOptions options) {
    return Combine.globally(StatisticsCombineFn.sliced(options, FeatureStatistics::addBatch));
  }

  /**
   * Adds CSV row batches read with {@code types} (in {@code header} order) to an accumulator: each
   * cell is parsed once with its column's type and added to the accumulators ({@link TypedCsvBatch}),
   * no Arrow or tf.Example in between (the fast path of statistics straight from a CSV file). A cell
   * that does not fit its type, or a number in a column {@code unseenInSample} (typed BYTES for want
   * of a value in the sample), fails the run with {@link CsvTypeMismatch}.
   */
  static BatchReader<CsvBatch> csvBatchReader(List<String> header, List<FeatureType> types,
      java.util.Set<String> unseenInSample) {
    List<String> columns = List.copyOf(header);
    FeatureType[] ordered = types.toArray(FeatureType[]::new);
    boolean[] unseen = new boolean[columns.size()];
    for (int c = 0; c < unseen.length; c++) {
      unseen[c] = unseenInSample.contains(columns.get(c));
    }
    return (acc, batch) -> acc.add(new TypedCsvBatch(batch, columns, ordered, unseen));
  }

  /** Statistics of batches, without Beam, with default options. */
  public static DatasetFeatureStatistics compute(Iterable<ExampleBatch> batches) {
    return compute(batches, StatisticsOptions.defaults());
  }

  public static DatasetFeatureStatistics compute(Iterable<ExampleBatch> batches, StatisticsOptions options) {
    return computeWithSlices(batches, options.withSliceBy(List.of())).whole();
  }

  /** Statistics of the whole of {@code batches} and of each slice, without Beam. */
  public static DatasetFeatureStatisticsList computeWithSlices(Iterable<ExampleBatch> batches,
      StatisticsOptions options) {
    SlicedAccumulator acc = new SlicedAccumulator(options);
    for (ExampleBatch batch : batches) {
      addBatch(acc, batch);
    }
    return acc.toStatistics();
  }

  static void addBatch(SlicedAccumulator acc, ExampleBatch batch) {
    batch.withRoot(root -> {
      acc.add(root);
      return null;
    });
  }

  /** Statistics of Arrow roots in the ExampleBatch convention, with default options. */
  public static DatasetFeatureStatistics computeRoots(Iterable<VectorSchemaRoot> roots) {
    return computeRoots(roots, StatisticsOptions.defaults());
  }

  public static DatasetFeatureStatistics computeRoots(Iterable<VectorSchemaRoot> roots, StatisticsOptions options) {
    return computeRootsWithSlices(roots, options.withSliceBy(List.of())).whole();
  }

  /** Statistics of the whole of {@code roots} and of each slice, without Beam. */
  public static DatasetFeatureStatisticsList computeRootsWithSlices(Iterable<VectorSchemaRoot> roots,
      StatisticsOptions options) {
    SlicedAccumulator acc = new SlicedAccumulator(options);
    for (VectorSchemaRoot root : roots) {
      acc.add(root);
    }
    return acc.toStatistics();
  }
}
