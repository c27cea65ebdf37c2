package io.beamline.trainer;

import io.beamline.core.InvalidInputException;
import io.beamline.core.examples.FeatureType;
import io.beamline.io.examples.ExampleBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * One batch's feed values as plain Java arrays, before they become tensors: per feature the first
 * value (the type's zero when missing; {@code long[]}, {@code float[]} or {@code byte[][]} by the
 * feature's type) and a presence flag (1 or 0), exactly what the serving graph's ParseExample step
 * computes from the same examples; plus the labels. The form the first epoch converts the examples
 * into and {@link FeedSpill} keeps for the later epochs.
 */
record FeedArrays(int rows, List<Object> values, List<float[]> presents, float[] labels) {
  private static final byte[] NO_BYTES = new byte[0];


  /**
   * @param firstRow the split-wide index of the batch's first example, for messages
   * @throws InvalidInputException when a column has another type than the plan's, or a label is
   *     missing or not 0/1
   */
  static FeedArrays of(ExampleBatch batch, FeaturePlan plan, String split, long firstRow) {
    return batch.withRoot(root -> convert(root, plan, split, firstRow));
  }

  private static FeedArrays convert(VectorSchemaRoot root, FeaturePlan plan, String split, long firstRow) {
    int n = root.getRowCount();
    List<Object> values = new ArrayList<>();
    List<float[]> presents = new ArrayList<>();
    for (InputFeature f : plan.features()) {
      ListVector column = column(root, f.name(), f.type(), split);
      FieldVector data = column == null ? null : column.getDataVector();
      switch (f.type()) {
        case INT -> {
          long[] v = new long[n];
          presents.add(firstValues(column, n, (row, at) -> v[row] = ((BigIntVector) data).get(at)));
          values.add(v);
        }
        case FLOAT -> {
          float[] v = new float[n];
          presents.add(firstValues(column, n, (row, at) -> v[row] = ((Float4Vector) data).get(at)));
          values.add(v);
        }
        case BYTES -> {
          byte[][] v = new byte[n][];
          Arrays.fill(v, NO_BYTES);
          presents.add(firstValues(column, n, (row, at) -> v[row] = ((VarBinaryVector) data).get(at)));
          values.add(v);
        }
      }
    }
    return new FeedArrays(n, values, presents, labels(root, plan, split, firstRow));
  }

  /** Takes row {@code row}'s first value, at index {@code at} of the column's child vector. */
  private interface FirstValue {
    void take(int row, int at);
  }

  /**
   * Hands each row's first value to {@code take} and returns the presence flags (1 where the row has
   * a value); rows without one keep the type's zero.
   */
  private static float[] firstValues(ListVector column, int n, FirstValue take) {
    float[] present = new float[n];
    for (int i = 0; i < n; i++) {
      int at = firstIndex(column, i);
      if (at >= 0) {
        take.take(i, at);
        present[i] = 1f;
      }
    }
    return present;
  }

  private static float[] labels(VectorSchemaRoot root, FeaturePlan plan, String split, long firstRow) {
    int n = root.getRowCount();
    ListVector column = column(root, plan.label(), null, split);
    FieldVector data = column == null ? null : column.getDataVector();
    float[] labels = new float[n];
    String expected = switch (plan.head()) {
      case BINARY -> "0 or 1";
      case MULTICLASS -> plan.classNames().isEmpty() ? "a class id 0 to " + (plan.classes() - 1)
          : "one of the classes " + plan.classNames();
      case REGRESSION -> "a finite number";
    };
    if (data instanceof VarBinaryVector strings && !plan.classNames().isEmpty()) {
      return classIds(column, strings, plan, labels, split, firstRow, expected);
    }
    for (int i = 0; i < n; i++) {
      int at = firstIndex(column, i);
      if (at < 0) {
        throw missingLabel(plan, split, firstRow + i, expected);
      }
      double v = data instanceof BigIntVector b ? b.get(at)
          : data instanceof Float4Vector f ? f.get(at) : Double.NaN;
      boolean ok = switch (plan.head()) {
        case BINARY -> v == 0 || v == 1;
        case MULTICLASS -> v == Math.rint(v) && v >= 0 && v < plan.classes();
        case REGRESSION -> Double.isFinite(v);
      };
      if (!ok) {
        throw new InvalidInputException("Example " + (firstRow + i) + " of split '" + split + "': label '"
            + plan.label() + "' is " + (data instanceof VarBinaryVector ? "a string" : String.valueOf(v))
            + "; expected " + expected);
      }
      labels[i] = (float) v;
    }
    return labels;
  }

  /** A string label's class ids: each example's class name's position in the plan's sorted classes. */
  private static float[] classIds(ListVector column, VarBinaryVector strings, FeaturePlan plan, float[] labels,
      String split, long firstRow, String expected) {
    java.util.Map<String, Integer> ids = new java.util.HashMap<>();
    for (int c = 0; c < plan.classNames().size(); c++) {
      ids.put(plan.classNames().get(c), c);
    }
    for (int i = 0; i < labels.length; i++) {
      int at = firstIndex(column, i);
      if (at < 0) {
        throw missingLabel(plan, split, firstRow + i, expected);
      }
      String name = new String(strings.get(at), java.nio.charset.StandardCharsets.UTF_8);
      Integer id = ids.get(name);
      if (id == null) {
        throw new InvalidInputException("Example " + (firstRow + i) + " of split '" + split + "': label '"
            + plan.label() + "' is '" + name + "'; expected " + expected);
      }
      labels[i] = id;
    }
    return labels;
  }

  private static InvalidInputException missingLabel(FeaturePlan plan, String split, long row, String expected) {
    return new InvalidInputException("Example " + row + " of split '" + split + "' has no value for the label '"
        + plan.label() + "'; every training example needs a label: " + expected);
  }

  /** The column, or null when no example of the batch has the feature. */
  private static ListVector column(VectorSchemaRoot root, String name, FeatureType expected, String split) {
    FieldVector v = root.getVector(name);
    if (v == null) {
      return null;
    }
    ListVector list = (ListVector) v;
    FieldVector data = list.getDataVector();
    FeatureType actual = data instanceof BigIntVector ? FeatureType.INT
        : data instanceof Float4Vector ? FeatureType.FLOAT : FeatureType.BYTES;
    if (expected != null && actual != expected) {
      throw new InvalidInputException("Feature '" + name + "' in split '" + split + "' holds " + actual
          + " values; the schema says " + expected);
    }
    return list;
  }

  /** Index of row i's first value in the child vector, or -1 when the row has none (missing or empty list). */
  private static int firstIndex(ListVector column, int i) {
    if (column == null || column.isNull(i)) {
      return -1;
    }
    int start = column.getElementStartIndex(i);
    return column.getElementEndIndex(i) > start ? start : -1;
  }
}
