package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.beamline.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Converts tf.Examples to Arrow columns and back: the batch convention of {@link ExampleBatch}.
 * Values go straight between protobuf's primitive lists and Arrow's vectors, never boxed.
 *
 * <p>Type rules, shared with the Parquet writer: a feature whose kind is not set is missing; an
 * {@code int64_list} in a FLOAT column is widened to float32 and a number in a BYTES column becomes
 * its decimal text (the widening {@link FeatureType#widen} describes); anything narrower (a float in
 * an INT column, bytes in a numeric column) is an error naming the feature and example.
 */
final class ArrowExamples {
  private ArrowExamples() {}

  /** The type of the values a feature holds, or null when its kind is not set (missing). */
  static FeatureType kindOf(Feature feature) {
    return switch (feature.getKindCase()) {
      case INT64_LIST -> FeatureType.INT;
      case FLOAT_LIST -> FeatureType.FLOAT;
      case BYTES_LIST -> FeatureType.BYTES;
      case KIND_NOT_SET -> null;
    };
  }

  /**
   * The declared types plus, for features not declared, the widest kind seen; a feature seen only
   * without a kind is typed BYTES (it has no values to say otherwise). Sorted by name.
   */
  static Map<String, FeatureType> resolveTypes(
      List<Example> examples, Map<String, FeatureType> declared) {
    TreeMap<String, FeatureType> types = new TreeMap<>(declared);
    Map<String, FeatureType> inferred = new TreeMap<>();
    Set<String> untyped = new HashSet<>();
    for (Example example : examples) {
      for (Map.Entry<String, Feature> e : example.getFeatures().getFeatureMap().entrySet()) {
        if (declared.containsKey(e.getKey())) {
          continue;
        }
        FeatureType kind = kindOf(e.getValue());
        if (kind == null) {
          untyped.add(e.getKey());
        } else {
          inferred.merge(e.getKey(), kind, FeatureType::widen);
        }
      }
    }
    untyped.forEach(name -> inferred.putIfAbsent(name, FeatureType.BYTES));
    types.putAll(inferred);
    return Collections.unmodifiableMap(types);
  }

  static Schema schema(Map<String, FeatureType> types) {
    List<Field> fields = new ArrayList<>(types.size());
    types.forEach((name, type) -> fields.add(field(name, type)));
    return new Schema(fields);
  }

  static Field field(String name, FeatureType type) {
    ArrowType element = switch (type) {
      case INT -> new ArrowType.Int(64, true);
      case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case BYTES -> ArrowType.Binary.INSTANCE;
    };
    Field child = new Field("item", FieldType.notNullable(element), null);
    return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(child));
  }

  /** The feature type of a column in the batch convention; rejects any other column shape. */
  static FeatureType typeOf(Field field) {
    if (field.getType() instanceof ArrowType.List && field.getChildren().size() == 1) {
      ArrowType element = field.getChildren().get(0).getType();
      if (element instanceof ArrowType.Int i && i.getBitWidth() == 64 && i.getIsSigned()) {
        return FeatureType.INT;
      }
      if (element instanceof ArrowType.FloatingPoint f
          && f.getPrecision() == FloatingPointPrecision.SINGLE) {
        return FeatureType.FLOAT;
      }
      if (element instanceof ArrowType.Binary) {
        return FeatureType.BYTES;
      }
    }
    throw new InvalidInputException("Arrow column '" + field.getName() + "' has type " + field
        + ": expected a list of int64, float32 or binary (the ExampleBatch convention)");
  }

  /** A new root (owned by the caller) holding {@code examples} as rows, columns in {@code types} order. */
  static VectorSchemaRoot toRoot(List<Example> examples,
      Map<String, FeatureType> types, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema(types), allocator);
    try {
      int rows = examples.size();
      for (FieldVector vector : root.getFieldVectors()) {
        ListVector list = (ListVector) vector;
        list.setInitialCapacity(rows);
        list.allocateNew();
        String name = list.getName();
        switch (types.get(name)) {
          case INT -> fillInts(list, name, examples);
          case FLOAT -> fillFloats(list, name, examples);
          case BYTES -> fillBytes(list, name, examples);
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

  private static Feature present(Example example, String name) {
    Feature f = example.getFeatures().getFeatureMap().get(name);
    return f == null || f.getKindCase() == Feature.KindCase.KIND_NOT_SET ? null : f;
  }

  private static void fillInts(ListVector list, String name, List<Example> examples) {
    BigIntVector child = (BigIntVector) list.getDataVector();
    for (int row = 0; row < examples.size(); row++) {
      Feature f = present(examples.get(row), name);
      if (f == null) {
        continue; // validity bit stays clear: missing
      }
      if (f.getKindCase() != Feature.KindCase.INT64_LIST) {
        throw mismatch(name, row, FeatureType.INT, f);
      }
      Int64List values = f.getInt64List();
      int n = values.getValueCount();
      int at = list.startNewValue(row);
      for (int j = 0; j < n; j++) {
        child.setSafe(at + j, values.getValue(j));
      }
      list.endValue(row, n);
    }
  }

  private static void fillFloats(ListVector list, String name, List<Example> examples) {
    Float4Vector child = (Float4Vector) list.getDataVector();
    for (int row = 0; row < examples.size(); row++) {
      Feature f = present(examples.get(row), name);
      if (f == null) {
        continue;
      }
      int at = list.startNewValue(row);
      int n;
      if (f.getKindCase() == Feature.KindCase.FLOAT_LIST) {
        FloatList values = f.getFloatList();
        n = values.getValueCount();
        for (int j = 0; j < n; j++) {
          child.setSafe(at + j, values.getValue(j));
        }
      } else if (f.getKindCase() == Feature.KindCase.INT64_LIST) {
        Int64List values = f.getInt64List();
        n = values.getValueCount();
        for (int j = 0; j < n; j++) {
          child.setSafe(at + j, (float) values.getValue(j));
        }
      } else {
        throw mismatch(name, row, FeatureType.FLOAT, f);
      }
      list.endValue(row, n);
    }
  }

  private static void fillBytes(ListVector list, String name, List<Example> examples) {
    VarBinaryVector child = (VarBinaryVector) list.getDataVector();
    for (int row = 0; row < examples.size(); row++) {
      Feature f = present(examples.get(row), name);
      if (f == null) {
        continue;
      }
      int at = list.startNewValue(row);
      int n = valueCount(f);
      if (f.getKindCase() == Feature.KindCase.BYTES_LIST) {
        BytesList values = f.getBytesList();
        for (int j = 0; j < n; j++) {
          // A read-only view of the protobuf's bytes: copied once, into Arrow's buffer.
          java.nio.ByteBuffer value = values.getValue(j).asReadOnlyByteBuffer();
          child.setSafe(at + j, value, value.position(), value.remaining());
        }
      } else {
        for (int j = 0; j < n; j++) {
          byte[] value = bytesAt(f, j);
          child.setSafe(at + j, value, 0, value.length);
        }
      }
      list.endValue(row, n);
    }
  }

  static int valueCount(Feature f) {
    return switch (f.getKindCase()) {
      case INT64_LIST -> f.getInt64List().getValueCount();
      case FLOAT_LIST -> f.getFloatList().getValueCount();
      case BYTES_LIST -> f.getBytesList().getValueCount();
      case KIND_NOT_SET -> 0;
    };
  }

  /** Value {@code j} of a feature stored in a BYTES column: bytes as they are, numbers as text. */
  static byte[] bytesAt(Feature f, int j) {
    return switch (f.getKindCase()) {
      case BYTES_LIST -> f.getBytesList().getValue(j).toByteArray();
      case INT64_LIST -> Long.toString(f.getInt64List().getValue(j)).getBytes(StandardCharsets.UTF_8);
      case FLOAT_LIST -> Float.toString(f.getFloatList().getValue(j)).getBytes(StandardCharsets.UTF_8);
      case KIND_NOT_SET -> throw new IllegalStateException("no values");
    };
  }

  static InvalidInputException mismatch(String name, long row,
      FeatureType expected, Feature f) {
    return new InvalidInputException("Feature '" + name + "' in example " + row + ": expected "
        + expected + " values, got " + kindOf(f) + " (" + f.getKindCase() + ")");
  }

  /** Rows of {@code root} as tf.Examples; missing (null) entries are left out of the example. */
  static List<Example> toExamples(VectorSchemaRoot root) {
    int rows = root.getRowCount();
    List<FieldVector> vectors = root.getFieldVectors();
    FeatureType[] types = new FeatureType[vectors.size()];
    for (int c = 0; c < types.length; c++) {
      types[c] = typeOf(vectors.get(c).getField());
    }
    List<Example> out = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      Features.Builder features = Features.newBuilder();
      for (int c = 0; c < types.length; c++) {
        ListVector list = (ListVector) vectors.get(c);
        if (list.isNull(row)) {
          continue;
        }
        features.putFeature(list.getName(), feature(list, types[c], row));
      }
      out.add(Example.newBuilder().setFeatures(features).build());
    }
    return out;
  }

  private static Feature feature(ListVector list, FeatureType type, int row) {
    int start = list.getElementStartIndex(row);
    int end = list.getElementEndIndex(row);
    switch (type) {
      case INT -> {
        BigIntVector child = (BigIntVector) list.getDataVector();
        Int64List.Builder b = Int64List.newBuilder();
        for (int k = start; k < end; k++) {
          b.addValue(child.get(k));
        }
        return Feature.newBuilder().setInt64List(b).build();
      }
      case FLOAT -> {
        Float4Vector child = (Float4Vector) list.getDataVector();
        FloatList.Builder b = FloatList.newBuilder();
        for (int k = start; k < end; k++) {
          b.addValue(child.get(k));
        }
        return Feature.newBuilder().setFloatList(b).build();
      }
      default -> {
        VarBinaryVector child = (VarBinaryVector) list.getDataVector();
        BytesList.Builder b = BytesList.newBuilder();
        for (int k = start; k < end; k++) {
          // get() returns a fresh array nobody else holds, so wrapping it without a copy is safe.
          ByteString value = UnsafeByteOperations.unsafeWrap(child.get(k));
          b.addValue(value);
        }
        return Feature.newBuilder().setBytesList(b).build();
      }
    }
  }
}
