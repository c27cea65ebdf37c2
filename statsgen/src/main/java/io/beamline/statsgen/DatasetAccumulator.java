package io.beamline.statsgen;

import io.beamline.core.InvalidInputException;
import io.beamline.core.examples.FeatureType;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Mergeable statistics state of a data set: the example count and one {@link FeatureAccumulator}
 * per feature, fed column by column from Arrow batches in the ExampleBatch convention (one
 * {@code List<int64 | float32 | binary>} column per feature; a null list is a missing feature). A
 * feature absent from a batch's schema is missing from all its examples. Empty: no examples, no
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
    add(root, null, root.getRowCount(), weightsOf(root, options));
  }

  /** The weights of the rows of {@code root}, or null when no weight feature is used. */
  static double[] weightsOf(VectorSchemaRoot root, StatisticsOptions options) {
    return options.weightFeature() == null ? null : Weights.of(root, options.weightFeature());
  }

  /**
   * Adds some examples of {@code root}: rows {@code rows[0..count)} in increasing order, or rows
   * {@code 0..count)} when {@code rows} is null, with their {@code weights} (null when unweighted).
   */
  void add(VectorSchemaRoot root, int[] rows, int count, double[] weights) {
    countExamples(rows, count, weights);
    for (FieldVector vector : root.getFieldVectors()) {
      String name = vector.getName();
      if (name.equals(options.weightFeature())) {
        continue;
      }
      if (!(vector instanceof ListVector list)) {
        throw wrongColumn(name, vector);
      }
      FieldVector child = list.getDataVector();
      addColumn(feature(name, typeOf(name, child)), list, child, rows, count, weights);
    }
  }

  /**
   * Adds some rows of a typed CSV batch: rows {@code rows[0..count)}, or {@code 0..count)} when
   * {@code rows} is null, with their {@code weights} (null when unweighted).
   */
  void add(TypedCsvBatch batch, int[] rows, int count, double[] weights) {
    countExamples(rows, count, weights);
    for (int c = 0; c < batch.columnCount(); c++) {
      String name = batch.name(c);
      if (!name.equals(options.weightFeature())) {
        batch.addColumn(c, feature(name, batch.type(c)), rows, count, weights);
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

  private static void addColumn(FeatureAccumulator feature, ListVector list, FieldVector child, int[] rows, int count,
      double[] weights) {
    NumericAccumulator numeric = feature.numeric();
    StringAccumulator strings = feature.strings();
    for (int i = 0; i < count; i++) {
      int r = rows == null ? i : rows[i];
      if (list.isNull(r)) {
        continue;
      }
      int start = list.getElementStartIndex(r);
      int end = list.getElementEndIndex(r);
      double w = weights == null ? 1 : weights[r];
      feature.present(end - start, w);
      for (int j = start; j < end; j++) {
        if (child.isNull(j)) {
          throw new InvalidInputException("Feature '" + feature.name()
              + "' in row " + r + " of a batch has a null inside its value list; values must not be null");
        }
        if (child instanceof BigIntVector ints) {
          long v = ints.get(j);
          numeric.addLong(v, w);
          if (strings != null) {
            strings.add(Long.toString(v), w);
          }
        } else if (child instanceof Float4Vector floats) {
          numeric.add(floats.get(j), w);
        } else {
          strings.add(((VarBinaryVector) child).get(j), w);
        }
      }
    }
  }

  private static FeatureType typeOf(String name, FieldVector child) {
    if (child instanceof BigIntVector) {
      return FeatureType.INT;
    }
    if (child instanceof Float4Vector) {
      return FeatureType.FLOAT;
    }
    if (child instanceof VarBinaryVector) {
      return FeatureType.BYTES;
    }
    throw new InvalidInputException("Feature '" + name + "': expected a list of int64, float32 or binary"
        + " values (the ExampleBatch convention), got a list of " + child.getField().getType());
  }

  private static InvalidInputException wrongColumn(String name, FieldVector vector) {
    return new InvalidInputException("Feature '" + name + "': expected a list column (the ExampleBatch"
        + " convention), got " + vector.getField().getType());
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
