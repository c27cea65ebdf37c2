package io.beamline.statsgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Test fixtures: Arrow roots in the ExampleBatch convention built by hand. Each column is a list
 * of rows; a null row is a missing feature, an empty list a present feature with no values.
 */
final class Batches {
  private final int rows;
  private final Map<String, Column> columns = new LinkedHashMap<>();

  private record Column(ArrowType type, List<? extends List<?>> rows) {}

  private Batches(int rows) {
    this.rows = rows;
  }

  static Batches rows(int rows) {
    return new Batches(rows);
  }

  Batches ints(String name, List<? extends List<Long>> values) {
    return column(name, new ArrowType.Int(64, true), values);
  }

  Batches floats(String name, List<? extends List<Float>> values) {
    return column(name, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), values);
  }

  Batches bytes(String name, List<? extends List<byte[]>> values) {
    return column(name, ArrowType.Binary.INSTANCE, values);
  }

  private Batches column(String name, ArrowType type, List<? extends List<?>> values) {
    if (values.size() != rows) {
      throw new IllegalArgumentException(name + ": " + values.size() + " rows, expected " + rows);
    }
    columns.put(name, new Column(type, values));
    return this;
  }

  /** A root the caller closes. */
  VectorSchemaRoot build(BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>();
    for (Map.Entry<String, Column> e : columns.entrySet()) {
      vectors.add(listVector(allocator, e.getKey(), e.getValue()));
    }
    VectorSchemaRoot root = new VectorSchemaRoot(vectors);
    root.setRowCount(rows);
    return root;
  }

  private ListVector listVector(BufferAllocator allocator, String name, Column column) {
    ListVector list = ListVector.empty(name, allocator);
    list.addOrGetVector(FieldType.notNullable(column.type()));
    list.allocateNew();
    FieldVector child = list.getDataVector();
    BiConsumer<Integer, Object> set;
    if (child instanceof BigIntVector v) {
      set = (i, o) -> v.setSafe(i, (Long) o);
    } else if (child instanceof Float4Vector v) {
      set = (i, o) -> v.setSafe(i, (Float) o);
    } else {
      set = (i, o) -> ((VarBinaryVector) child).setSafe(i, (byte[]) o);
    }
    int total = 0;
    for (int r = 0; r < rows; r++) {
      List<?> row = column.rows().get(r);
      if (row == null) {
        list.setNull(r);
        continue;
      }
      int offset = list.startNewValue(r);
      for (int j = 0; j < row.size(); j++) {
        set.accept(offset + j, row.get(j));
      }
      list.endValue(r, row.size());
      total = offset + row.size();
    }
    child.setValueCount(total);
    list.setValueCount(rows);
    return list;
  }
}
