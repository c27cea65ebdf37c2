package io.beamline.statsgen;

import io.beamline.core.examples.FeatureType;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.FeatureSketches;
import io.beamline.io.columns.FeatureColumns;
import io.beamline.io.examples.ArrowColumns;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Mergeable statistics state of a data set: the example count and one {@link FeatureAccumulator}
 * per feature, fed column by column from any batch that reads as {@link FeatureColumns} (an Arrow
 * root in the ExampleBatch convention, {@link ArrowColumns}; a typed CSV batch,
 * {@link TypedCsvBatch}). A feature absent from a batch's columns is missing from all its examples. Empty: no examples, no
 * features. Memory is bounded per feature and does not grow with the number of rows.
 *
 * <p>With a weight feature ({@link StatisticsOptions#weightFeature()}), the total weight of the
 * examples is an exact sum and every feature keeps weighted state too; the weight feature itself
 * gets no statistics, as in TFDV. Rows can be added selectively (a slice of a batch) so that one
 * read of a batch feeds the whole data set and each of its slices.
 */
final class DatasetAccumulator {
  private final StatisticsOptions options;
  private long numExamples;
  /** Total weight of the examples; null when unweighted. */
  private ExactSum weightedExamples;
  private final Map<String, FeatureAccumulator> features = new TreeMap<>();

  DatasetAccumulator(StatisticsOptions options) {
    this.options = options;
    this.weightedExamples = options.weightFeature() == null ? null : new ExactSum();
  }

  /** Adds every example of {@code root}. */
  void add(VectorSchemaRoot root) {
    add(new ArrowColumns(root), null, root.getRowCount(), weightsOf(root, options));
  }

  /** The weights of the rows of {@code root}, or null when no weight feature is used. */
  static double[] weightsOf(VectorSchemaRoot root, StatisticsOptions options) {
    return options.weightFeature() == null ? null : Weights.of(root, options.weightFeature());
  }

  /**
   * Adds some examples of a batch, whatever its format: rows {@code rows[0..count)} in increasing
   * order, or rows {@code 0..count)} when {@code rows} is null, with their {@code weights} (null
   * when unweighted). Each column (but the weight feature's) pushes its values into its feature's
   * accumulator.
   */
  void add(FeatureColumns columns, int[] rows, int count, double[] weights) {
    countExamples(rows, count, weights);
    for (int c = 0; c < columns.columnCount(); c++) {
      String name = columns.name(c);
      if (!name.equals(options.weightFeature())) {
        columns.pushColumn(c, rows, count, weights, feature(name, columns.type(c)));
      }
    }
  }

  /** Counts the examples of rows {@code rows[0..count)} (or {@code 0..count)}) and their weight. */
  private void countExamples(int[] rows, int count, double[] weights) {
    numExamples += count;
    if (weightedExamples != null) {
      for (int i = 0; i < count; i++) {
        weightedExamples.add(weights[rows == null ? i : rows[i]]);
      }
    }
  }

  /** The state of feature {@code name}, new on first sight; its values must mix with {@code type}. */
  private FeatureAccumulator feature(String name, FeatureType type) {
    FeatureAccumulator feature = features.get(name);
    if (feature == null) {
      feature = FeatureAccumulator.create(name, type, options);
      features.put(name, feature);
    } else {
      feature.acceptType(type);
    }
    return feature;
  }

  /** Merges {@code other} into this one; {@code other} must not be used afterwards. */
  void merge(DatasetAccumulator other) {
    numExamples += other.numExamples;
    if (other.weightedExamples != null) {
      weightedExamples.add(other.weightedExamples);
    }
    for (Map.Entry<String, FeatureAccumulator> e : other.features.entrySet()) {
      FeatureAccumulator mine = features.get(e.getKey());
      if (mine == null) {
        // Take over the other's state: Beam hands each accumulator to one merge only.
        features.put(e.getKey(), e.getValue());
      } else {
        mine.merge(e.getValue());
      }
    }
  }

  long numExamples() {
    return numExamples;
  }

  DatasetFeatureStatistics toStatistics(String name) {
    List<FeatureNameStatistics> out = new ArrayList<>(features.size());
    BigDecimal weight = weightedExamples == null ? null : weightedExamples.exact();
    for (FeatureAccumulator f : features.values()) {
      out.add(f.toStatistics(numExamples, weight, options));
    }
    return new DatasetFeatureStatistics(name, numExamples, weight == null ? null : weight.doubleValue(), out);
  }

  /** The sketches of every feature that has values, by name. */
  FeatureSketches toSketches() {
    List<FeatureSketches.FeatureSketch> out = new ArrayList<>(features.size());
    for (FeatureAccumulator f : features.values()) {
      FeatureSketches.FeatureSketch sketch = f.toSketch();
      if (sketch != null) {
        out.add(sketch);
      }
    }
    return new FeatureSketches(numExamples, out);
  }

  void encode(DataOutputStream out) throws IOException {
    out.writeLong(numExamples);
    out.writeBoolean(weightedExamples != null);
    if (weightedExamples != null) {
      weightedExamples.encode(out);
    }
    out.writeInt(features.size());
    for (FeatureAccumulator f : features.values()) {
      f.encode(out);
    }
  }

  static DatasetAccumulator decode(DataInputStream in, StatisticsOptions options) throws IOException {
    DatasetAccumulator a = new DatasetAccumulator(options);
    a.numExamples = in.readLong();
    a.weightedExamples = in.readBoolean() ? ExactSum.decode(in) : null;
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      FeatureAccumulator f = FeatureAccumulator.decode(in, options);
      a.features.put(f.name(), f);
    }
    return a;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatasetAccumulator a && numExamples == a.numExamples
        && java.util.Objects.equals(weightedExamples, a.weightedExamples) && features.equals(a.features);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(numExamples) * 31 + features.hashCode();
  }

  @Override
  public String toString() {
    return "Dataset{examples=" + numExamples + ", features=" + features.values() + "}";
  }
}
