package io.beamline.io.records;

import com.google.protobuf.ByteString;
import io.beamline.core.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Turns an Avro record (from an Avro file, or a Parquet file read through parquet-avro) into a
 * tf.Example: int, long and boolean fields become INT (booleans 0/1), float and double FLOAT, string,
 * enum, bytes and fixed BYTES; an array of these is a multi-valued feature; a null field is a missing
 * feature. Nested records and maps have no tf.Example form and are an error naming the field.
 */
final class RecordToExample {
  private RecordToExample() {}

  static Example convert(GenericRecord record, String file) {
    TreeMap<String, Feature> features = new TreeMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (value == null) {
        continue;
      }
      Schema schema = nonNull(field.schema());
      Feature.Builder f = Feature.newBuilder();
      if (schema.getType() == Schema.Type.ARRAY) {
        Schema element = nonNull(schema.getElementType());
        element = unwrapListElement(element);
        List<Object> items = new ArrayList<>();
        for (Object item : (Collection<?>) value) {
          Object v = item instanceof GenericRecord r && r.getSchema().getFields().size() == 1 ? r.get(0) : item;
          if (v == null) {
            throw new InvalidInputException("File " + file + ", field '" + field.name()
                + "': a list holds a null element; tf.Example lists cannot hold missing values");
          }
          items.add(v);
        }
        fill(f, nonNull(element), items, field.name(), file);
      } else {
        fill(f, schema, List.of(value), field.name(), file);
      }
      features.put(field.name(), f.build());
    }
    return Example.newBuilder().setFeatures(Features.newBuilder().putAllFeature(features)).build();
  }

  /** Parquet's three-level lists may come back as records with one field, the element. */
  private static Schema unwrapListElement(Schema element) {
    if (element.getType() == Schema.Type.RECORD && element.getFields().size() == 1) {
      return nonNull(element.getFields().get(0).schema());
    }
    return element;
  }

  private static Schema nonNull(Schema s) {
    if (s.getType() != Schema.Type.UNION) {
      return s;
    }
    List<Schema> types = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
    return types.size() == 1 ? types.get(0) : s;
  }

  private static void fill(Feature.Builder f, Schema type, List<Object> values, String name, String file) {
    switch (type.getType()) {
      case INT, LONG, BOOLEAN -> {
        Int64List.Builder b = Int64List.newBuilder();
        for (Object v : values) {
          b.addValue(v instanceof Boolean bool ? (bool ? 1 : 0) : ((Number) v).longValue());
        }
        f.setInt64List(b);
      }
      case FLOAT, DOUBLE -> {
        FloatList.Builder b = FloatList.newBuilder();
        for (Object v : values) {
          b.addValue(((Number) v).floatValue());
        }
        f.setFloatList(b);
      }
      case STRING, ENUM, BYTES, FIXED -> {
        BytesList.Builder b = BytesList.newBuilder();
        for (Object v : values) {
          b.addValue(bytes(v));
        }
        f.setBytesList(b);
      }
      default -> throw new InvalidInputException("File " + file + ", field '" + name + "': type "
          + type.getType() + " has no tf.Example form; expected numbers, strings or bytes, or a list"
          + " of them");
    }
  }

  private static ByteString bytes(Object v) {
    if (v instanceof ByteBuffer buf) {
      return ByteString.copyFrom(buf.duplicate());
    }
    if (v instanceof GenericData.Fixed fixed) {
      return ByteString.copyFrom(fixed.bytes());
    }
    if (v instanceof byte[] arr) {
      return ByteString.copyFrom(arr);
    }
    return ByteString.copyFrom(v.toString(), StandardCharsets.UTF_8);
  }
}
