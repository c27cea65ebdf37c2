package io.beamline.statsgen;

import io.beamline.core.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Which rows of a batch belong to which slice. A slice is named as TFDV names them: for one
 * feature {@code <feature>_<value>} (e.g. {@code payment_type_Cash}), for several the pairs joined
 * in the order the features were given (e.g. {@code payment_type_Cash_company_X}), one slice per
 * combination of values (the cross). An example with several values of a slice feature is in one
 * slice per distinct value; an example missing a slice feature (absent, or present with no values)
 * is in no slice of that feature, and so in no cross slice with it, but always in the whole data
 * set. Slice features must be INT or BYTES (valid UTF-8): float values would make a slice per
 * measurement, so they are rejected, as TFDV does.
 */
final class Slicer {
  private final List<String> features;
  private final int maxSlices;
  private CharsetDecoder decoder;

  Slicer(List<String> features, int maxSlices) {
    this.features = List.copyOf(features);
    this.maxSlices = maxSlices;
  }

  /** Row numbers (increasing) of {@link #rows(VectorSchemaRoot)}'s slices. */
  static final class Rows {
    private int[] rows = new int[16];
    private int size;

    private void add(int row) {
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, size * 2);
      }
      rows[size++] = row;
    }

    int[] rows() {
      return rows;
    }

    int size() {
      return size;
    }
  }

  /** The distinct values of slice feature {@code f} (index into the slice features) in row {@code r}. */
  @FunctionalInterface
  interface RowValues {
    /** Empty when the feature is missing from the row. */
    List<String> of(int f, int r);
  }

  /** The slices of {@code root}'s rows, by slice name, in order of first appearance. */
  Map<String, Rows> rows(VectorSchemaRoot root) {
    ListVector[] columns = new ListVector[features.size()];
    for (int f = 0; f < columns.length; f++) {
      FieldVector vector = root.getVector(features.get(f));
      if (vector == null) {
        return Map.of(); // missing from every row: no slice of this batch
      }
      columns[f] = column(features.get(f), vector);
    }
    return rows(root.getRowCount(), (f, r) -> values(features.get(f), columns[f], r));
  }

  /** The slice features, in the order they were given. */
  List<String> features() {
    return features;
  }

  /** The slices of rows {@code 0..n)} whose slice-feature values {@code values} gives. */
  Map<String, Rows> rows(int n, RowValues values) {
    Map<String, Rows> out = new LinkedHashMap<>();
    List<List<String>> rowValues = new ArrayList<>(features.size());
    for (int r = 0; r < n; r++) {
      rowValues.clear();
      boolean inSomeSlice = true;
      for (int f = 0; f < features.size() && inSomeSlice; f++) {
        List<String> v = values.of(f, r);
        inSomeSlice = !v.isEmpty();
        rowValues.add(v);
      }
      if (!inSomeSlice) {
        continue;
      }
      for (String name : names(rowValues)) {
        Rows rows = out.get(name);
        if (rows == null) {
          rows = new Rows();
          out.put(name, rows);
          checkCount(out.size());
        }
        rows.add(r);
      }
    }
    return out;
  }

  /** Fails when there are more than the allowed number of slices. */
  void checkCount(int slices) {
    if (slices > maxSlices) {
      throw new InvalidInputException("Slicing by " + String.join(", ", features) + " gives more than " + maxSlices
          + " slices (" + slices + " so far); slice by features with fewer distinct values or raise the slice cap"
          + " (maxSlices)");
    }
  }

  private static ListVector column(String feature, FieldVector vector) {
    if (vector instanceof ListVector list
        && (list.getDataVector() instanceof BigIntVector || list.getDataVector() instanceof VarBinaryVector)) {
      return list;
    }
    throw new InvalidInputException("Slice feature '" + feature + "' must hold INT or BYTES (string) values, got "
        + vector.getField());
  }

  /** Distinct values of {@code feature} in row {@code r}, as text; empty when missing. */
  private List<String> values(String feature, ListVector list, int r) {
    if (list.isNull(r)) {
      return List.of();
    }
    int start = list.getElementStartIndex(r);
    int end = list.getElementEndIndex(r);
    FieldVector child = list.getDataVector();
    if (end - start == 1) {
      return List.of(text(feature, child, start, r));
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (int j = start; j < end; j++) {
      distinct.add(text(feature, child, j, r));
    }
    return new ArrayList<>(distinct);
  }

  private String text(String feature, FieldVector child, int index, int row) {
    if (child instanceof BigIntVector ints) {
      return Long.toString(ints.get(index));
    }
    byte[] bytes = ((VarBinaryVector) child).get(index);
    if (decoder == null) {
      decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("Slice feature '" + feature + "' has a value that is not valid UTF-8 in row "
          + row + " of a batch; slice names are text");
    }
  }

  /** {@code f1_v1_f2_v2...} for every combination of one value per feature. */
  private List<String> names(List<List<String>> values) {
    List<String> names = List.of("");
    for (int f = 0; f < values.size(); f++) {
      List<String> next = new ArrayList<>(names.size() * values.get(f).size());
      for (String prefix : names) {
        for (String v : values.get(f)) {
          next.add((f == 0 ? "" : prefix + "_") + features.get(f) + "_" + v);
        }
      }
      names = next;
    }
    return names;
  }
}
