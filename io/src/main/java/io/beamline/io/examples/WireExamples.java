package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Serialized tf.Examples straight into Arrow columns, reading the protobuf wire format by hand: no
 * Example, Feature or map-entry objects, no protobuf map (building and walking those was most of the
 * time StatisticsGen spent on a file of examples). Written by hand because protobuf-java offers no
 * streaming access to a message's map entries.
 *
 * <p>Only the regular shape is read here: every feature is declared in the types and appears at
 * most once per example, with a kind its column holds (an INT64 list in an INT column, a FLOAT or
 * INT64 list in a FLOAT column, a BYTES list in a BYTES column), in well-formed wire bytes (packed
 * or not). Anything else (an undeclared feature to infer, a duplicate key, a kind to convert to text,
 * a malformed record) makes {@link #toRoot} return null, and the caller parses the examples with
 * protobuf ({@link ArrowExamples}): the same result, or its error naming the record.
 *
 * <p>Wire format (tensorflow/core/example/example.proto, feature.proto): Example {1: Features},
 * Features {1: repeated map entry {1: key, 2: Feature}}, Feature {oneof 1: BytesList, 2: FloatList,
 * 3: Int64List}, each list {1: repeated values}; unknown fields are skipped.
 */
final class WireExamples {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;
  /** Feature's kind fields. */
  private static final int BYTES_LIST = 1;
  private static final int FLOAT_LIST = 2;
  private static final int INT64_LIST = 3;

  private final byte[][] names;
  private final FeatureType[] types;
  private final ListVector[] lists;
  private final int[] lastRow;
  private final Map<String, Integer> index = new HashMap<>();
  private final Reader featuresReader = this::features;
  private final Reader entryReader = this::entry;
  private byte[] b;
  /** The read position in {@code b}; -1 after malformed input. */
  private int p;
  private int row;
  private int previousColumn;

  private WireExamples(VectorSchemaRoot root, Map<String, FeatureType> sorted) {
    int n = sorted.size();
    names = new byte[n][];
    types = new FeatureType[n];
    lists = new ListVector[n];
    lastRow = new int[n];
    int c = 0;
    for (Map.Entry<String, FeatureType> e : sorted.entrySet()) {
      names[c] = e.getKey().getBytes(StandardCharsets.UTF_8);
      types[c] = e.getValue();
      lists[c] = (ListVector) root.getVector(e.getKey());
      lastRow[c] = -1;
      index.put(e.getKey(), c++);
    }
  }

  /**
   * A new root (owned by the caller) with the examples as rows and one column per entry of
   * {@code types}, in name order; null when some record is not of the regular shape.
   */
  static VectorSchemaRoot toRoot(List<byte[]> records, Map<String, FeatureType> types,
      BufferAllocator allocator) {
    Map<String, FeatureType> sorted = new TreeMap<>(types);
    VectorSchemaRoot root = VectorSchemaRoot.create(ArrowExamples.schema(sorted), allocator);
    try {
      for (FieldVector vector : root.getFieldVectors()) {
        vector.setInitialCapacity(records.size());
        vector.allocateNew();
      }
      WireExamples reader = new WireExamples(root, sorted);
      for (int r = 0; r < records.size(); r++) {
        if (!reader.example(r, records.get(r))) {
          root.close();
          return null;
        }
      }
      for (FieldVector vector : root.getFieldVectors()) {
        vector.setValueCount(records.size());
      }
      root.setRowCount(records.size());
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private boolean example(int r, byte[] bytes) {
    b = bytes;
    p = 0;
    row = r;
    previousColumn = -1;
    return messages(b.length, 1, featuresReader);
  }

  private boolean features(int to) {
    return messages(to, 1, entryReader);
  }

  /** A message's length-delimited fields numbered {@code field} (read by {@code reader}); others skipped. */
  private boolean messages(int to, int field, Reader reader) {
    while (p < to) {
      long tag = varint(to);
      if (tag < 0) {
        return false;
      }
      if (tag == (field << 3 | LENGTH_DELIMITED)) {
        int end = end(to);
        if (end < 0 || !reader.read(end)) {
          return false;
        }
        p = end;
      } else if (!skip(tag, to)) {
        return false;
      }
    }
    return true;
  }

  /** Reads an embedded message from the cursor to {@code to}; false when it is not of the regular shape. */
  @FunctionalInterface
  private interface Reader {
    boolean read(int to);
  }

  /** One map entry: the key names the column; the value, if any, is written to this row. */
  private boolean entry(int to) {
    int keyFrom = -1;
    int keyTo = -1;
    int valueFrom = -1;
    int valueTo = -1;
    while (p < to) {
      long tag = varint(to);
      if (tag < 0) {
        return false;
      }
      if (tag == (1 << 3 | LENGTH_DELIMITED) || tag == (2 << 3 | LENGTH_DELIMITED)) {
        int fieldEnd = end(to);
        if (fieldEnd < 0) {
          return false;
        }
        if (tag == (1 << 3 | LENGTH_DELIMITED)) {
          keyFrom = p;
          keyTo = fieldEnd;
        } else if (valueFrom >= 0) {
          return false; // a value given twice is merged by protobuf: leave that to it
        } else {
          valueFrom = p;
          valueTo = fieldEnd;
        }
        p = fieldEnd;
      } else if (!skip(tag, to)) {
        return false;
      }
    }
    int column = keyFrom < 0 ? -1 : column(keyFrom, keyTo);
    if (column < 0 || lastRow[column] == row) {
      return false; // undeclared (types to infer), or a duplicate key
    }
    lastRow[column] = row;
    previousColumn = column;
    if (valueFrom < 0) {
      return true; // no value: no kind, missing
    }
    p = valueFrom;
    return feature(column, valueTo);
  }

  /**
   * The column of a key: looked for after the previous key's first, since serialized examples list
   * their keys in name order (protobuf's deterministic serialization sorts map keys), the order of
   * the columns; else by name.
   */
  private int column(int from, int to) {
    int length = to - from;
    for (int c = previousColumn + 1; c < names.length; c++) {
      if (names[c].length == length && Arrays.equals(names[c], 0, length, b, from, to)) {
        return c;
      }
    }
    Integer c = index.get(new String(b, from, length, StandardCharsets.UTF_8));
    return c == null ? -1 : c;
  }

  /** A Feature message: exactly one kind field (or none: missing), written if its column holds it. */
  private boolean feature(int column, int to) {
    int kind = 0;
    int listFrom = -1;
    int listTo = -1;
    while (p < to) {
      long tag = varint(to);
      if (tag < 0) {
        return false;
      }
      int field = (int) (tag >>> 3);
      if ((tag & 7) == LENGTH_DELIMITED && field >= BYTES_LIST && field <= INT64_LIST) {
        int fieldEnd = end(to);
        if (fieldEnd < 0 || kind != 0) {
          return false; // a second kind field: protobuf's oneof and merge rules decide, not this
        }
        kind = field;
        listFrom = p;
        listTo = fieldEnd;
        p = fieldEnd;
      } else if (!skip(tag, to)) {
        return false;
      }
    }
    if (kind == 0) {
      return true; // no kind set: missing
    }
    boolean held = switch (types[column]) {
      case INT -> kind == INT64_LIST;
      case FLOAT -> kind == FLOAT_LIST || kind == INT64_LIST;
      case BYTES -> kind == BYTES_LIST;
    };
    p = listFrom;
    return held && values(lists[column], kind, listTo);
  }

  /**
   * The values of a list message of {@code kind} (field 1: bytes each, floats packed or one per
   * field, int64s packed or one per field) appended to this row of {@code list}; an INT64 list in a
   * FLOAT column becomes floats.
   */
  private boolean values(ListVector list, int kind, int to) {
    FieldVector child = list.getDataVector();
    int at = list.startNewValue(row);
    int n = 0;
    while (p < to) {
      long tag = varint(to);
      if (tag < 0) {
        return false;
      }
      int wire = (int) (tag & 7);
      if (tag >>> 3 != 1) {
        if (!skip(tag, to)) {
          return false;
        }
      } else if (kind == BYTES_LIST && wire == LENGTH_DELIMITED) {
        int end = end(to);
        if (end < 0) {
          return false;
        }
        ((VarBinaryVector) child).setSafe(at + n++, b, p, end - p);
        p = end;
      } else if (kind == FLOAT_LIST && (wire == LENGTH_DELIMITED || wire == FIXED32)) {
        int end = wire == FIXED32 ? p + 4 : end(to);
        if (end < 0 || end > to || (end - p) % 4 != 0) {
          return false;
        }
        for (; p < end; p += 4) {
          ((Float4Vector) child).setSafe(at + n++, Float.intBitsToFloat(fixed32(p)));
        }
      } else if (kind == INT64_LIST && wire == VARINT) {
        long v = varint(to);
        if (p < 0) {
          return false;
        }
        putInt64(child, at + n++, v);
      } else if (kind == INT64_LIST && wire == LENGTH_DELIMITED) {
        int end = end(to);
        if (end < 0) {
          return false;
        }
        while (p < end) {
          long v = varint(end);
          if (p < 0) {
            return false;
          }
          putInt64(child, at + n++, v);
        }
      } else if (!skip(tag, to)) {
        return false;
      }
    }
    list.endValue(row, n);
    return true;
  }

  private static void putInt64(FieldVector child, int at, long v) {
    if (child instanceof Float4Vector floats) {
      floats.setSafe(at, (float) v);
    } else {
      ((BigIntVector) child).setSafe(at, v);
    }
  }

  private int fixed32(int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
  }

  /**
   * A varint at the cursor (advanced past it); on malformed input (past {@code limit}, or more than
   * ten bytes) the cursor becomes -1 and -1 is returned. A tag is never negative, so callers reading
   * tags test the result; callers reading values test the cursor.
   */
  private long varint(int limit) {
    long result = 0;
    int at = p;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= limit) {
        p = -1;
        return -1;
      }
      byte x = b[at++];
      result |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        p = at;
        return result;
      }
    }
    p = -1;
    return -1;
  }

  /** Reads a length and returns where the length-delimited field ends, or -1 when it overruns {@code limit}. */
  private int end(int limit) {
    long length = varint(limit);
    if (p < 0 || length < 0 || length > limit - p) {
      return -1;
    }
    return p + (int) length;
  }

  /** Skips an unknown field's value; false for groups and malformed input. */
  private boolean skip(long tag, int limit) {
    switch ((int) (tag & 7)) {
      case VARINT -> {
        varint(limit);
        return p >= 0;
      }
      case FIXED64 -> p += 8;
      case LENGTH_DELIMITED -> {
        int to = end(limit);
        if (to < 0) {
          return false;
        }
        p = to;
      }
      case FIXED32 -> p += 4;
      default -> {
        return false;
      }
    }
    return p <= limit;
  }
}
