package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import io.beamline.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Builds Arrow columns straight from text cells (such as CSV fields), one value per present cell,
 * without going through tf.Example protos: the fast path from a text file to statistics.
 */
final class TextColumns {
  private TextColumns() {}

  /** A new root (owned by the caller), columns in {@code types} order. */
  static VectorSchemaRoot toRoot(Map<String, FeatureType> types, Map<String, String[]> columns,
      int rows, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(ArrowExamples.schema(types), allocator);
    try {
      for (FieldVector vector : root.getFieldVectors()) {
        ListVector list = (ListVector) vector;
        String name = list.getName();
        String[] cells = columns.get(name);
        if (cells == null || cells.length != rows) {
          throw new InvalidInputException("Text column '" + name + "' has "
              + (cells == null ? "no cells" : cells.length + " cells") + ", expected " + rows);
        }
        list.setInitialCapacity(rows);
        list.allocateNew();
        switch (types.get(name)) {
          case INT -> fillInts(list, cells);
          case FLOAT -> fillFloats(list, cells);
          case BYTES -> fillBytes(list, cells);
        }
        list.setValueCount(rows);
      }
      root.setRowCount(rows);
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private static void fillInts(ListVector list, String[] cells) {
    BigIntVector child = (BigIntVector) list.getDataVector();
    for (int row = 0; row < cells.length; row++) {
      String v = cells[row];
      if (v == null) {
        continue; // validity bit stays clear: missing
      }
      long value;
      try {
        value = Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw mismatch(list.getName(), row, FeatureType.INT, v);
      }
      int at = list.startNewValue(row);
      child.setSafe(at, value);
      list.endValue(row, 1);
    }
  }

  private static void fillFloats(ListVector list, String[] cells) {
    Float4Vector child = (Float4Vector) list.getDataVector();
    for (int row = 0; row < cells.length; row++) {
      String v = cells[row];
      if (v == null) {
        continue;
      }
      float value;
      try {
        value = Float.parseFloat(v);
      } catch (NumberFormatException e) {
        throw mismatch(list.getName(), row, FeatureType.FLOAT, v);
      }
      int at = list.startNewValue(row);
      child.setSafe(at, value);
      list.endValue(row, 1);
    }
  }

  private static void fillBytes(ListVector list, String[] cells) {
    VarBinaryVector child = (VarBinaryVector) list.getDataVector();
    for (int row = 0; row < cells.length; row++) {
      String v = cells[row];
      if (v == null) {
        continue;
      }
      byte[] value = v.getBytes(StandardCharsets.ISO_8859_1);
      int at = list.startNewValue(row);
      child.setSafe(at, value, 0, value.length);
      list.endValue(row, 1);
    }
  }

  private static InvalidInputException mismatch(String name, int row, FeatureType type, String v) {
    String shown = v.length() > 40 ? v.substring(0, 40) + "..." : v;
    return new InvalidInputException("Feature '" + name + "', row " + row + " of the batch: '" + shown
        + "' is not a " + type + " value");
  }
}
