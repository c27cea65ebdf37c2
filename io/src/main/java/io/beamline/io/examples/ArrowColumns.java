package io.beamline.io.examples;

import io.beamline.core.InvalidInputException;
import io.beamline.core.examples.FeatureType;
import io.beamline.io.columns.FeatureColumns;
import io.beamline.io.columns.ValueSink;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * An Arrow root in the {@link ExampleBatch} convention (one {@code List<int64 | float32 | binary>}
 * column per feature; a null list is a missing feature) read as {@link FeatureColumns}. A view: the
 * caller keeps ownership of the root, which must stay open while this is used. Columns are checked
 * as they are read: {@link #type} rejects a column that is not a list of one of the three types,
 * {@link #pushColumn} a null inside a value list.
 */
public final class ArrowColumns implements FeatureColumns {
  private final VectorSchemaRoot root;
  private final List<FieldVector> vectors;

  public ArrowColumns(VectorSchemaRoot root) {
    this.root = root;
    this.vectors = root.getFieldVectors();
  }

  public VectorSchemaRoot root() {
    return root;
  }

  @Override
  public int rowCount() {
    return root.getRowCount();
  }

  @Override
  public int columnCount() {
    return vectors.size();
  }

  @Override
  public String name(int c) {
    return vectors.get(c).getName();
  }

  @Override
  public FeatureType type(int c) {
    FieldVector child = list(c).getDataVector();
    if (child instanceof BigIntVector) {
      return FeatureType.INT;
    }
    if (child instanceof Float4Vector) {
      return FeatureType.FLOAT;
    }
    if (child instanceof VarBinaryVector) {
      return FeatureType.BYTES;
    }
    throw new InvalidInputException("Feature '" + name(c) + "': expected a list of int64, float32 or binary"
        + " values (the ExampleBatch convention), got a list of " + child.getField().getType());
  }

  private ListVector list(int c) {
    FieldVector vector = vectors.get(c);
    if (!(vector instanceof ListVector list)) {
      throw new InvalidInputException("Feature '" + vector.getName() + "': expected a list column (the ExampleBatch"
          + " convention), got " + vector.getField().getType());
    }
    return list;
  }

  @Override
  public void pushColumn(int c, int[] rows, int count, double[] weights, ValueSink sink) {
    ListVector list = list(c);
    FeatureType type = type(c);
    FieldVector child = list.getDataVector();
    for (int i = 0; i < count; i++) {
      int r = rows == null ? i : rows[i];
      if (list.isNull(r)) {
        continue;
      }
      int start = list.getElementStartIndex(r);
      int end = list.getElementEndIndex(r);
      double w = weights == null ? 1 : weights[r];
      sink.present(end - start, w);
      for (int j = start; j < end; j++) {
        if (child.isNull(j)) {
          throw new InvalidInputException("Feature '" + name(c)
              + "' in row " + r + " of a batch has a null inside its value list; values must not be null");
        }
        switch (type) {
          case INT -> sink.addLong(((BigIntVector) child).get(j), w);
          case FLOAT -> sink.addFloat(((Float4Vector) child).get(j), w);
          case BYTES -> sink.addBytes(((VarBinaryVector) child).get(j), w);
        }
      }
    }
  }
}
