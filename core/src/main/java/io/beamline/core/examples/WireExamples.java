package io.beamline.core.examples;

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

  private final byte[][] names;
  private final FeatureType[] types;
  private final ListVector[] lists;
  private final int[] lastRow;
  private final Map<String, Integer> index = new HashMap<>();
  private byte[] b;
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
    row = r;
    previousColumn = -1;
    int[] pos = {0};
    while (pos[0] < b.length) {
      long tag = varint(pos, b.length);
      if (tag < 0) {
        return false;
      }
      if (tag == (1 << 3 | LENGTH_DELIMITED)) {
        int to = end(pos, b.length);
        if (to < 0 || !features(pos[0], to)) {
          return false;
        }
        pos[0] = to;
      } else if (!skip(tag, pos, b.length)) {
        return false;
      }
    }
    return true;
  }

  private boolean features(int from, int to) {
    int[] pos = {from};
    while (pos[0] < to) {
      long tag = varint(pos, to);
      if (tag < 0) {
        return false;
      }
      if (tag == (1 << 3 | LENGTH_DELIMITED)) {
        int entryEnd = end(pos, to);
        if (entryEnd < 0 || !entry(pos[0], entryEnd)) {
          return false;
        }
        pos[0] = entryEnd;
      } else if (!skip(tag, pos, to)) {
        return false;
      }
    }
    return true;
  }

  /** One map entry: the key names the column; the value, if any, is written to this row. */
  private boolean entry(int from, int to) {
    int[] pos = {from};
    int keyFrom = -1;
    int keyTo = -1;
    int valueFrom = -1;
    int valueTo = -1;
    while (pos[0] < to) {
      long tag = varint(pos, to);
      if (tag < 0) {
        return false;
      }
      if (tag == (1 << 3 | LENGTH_DELIMITED) || tag == (2 << 3 | LENGTH_DELIMITED)) {
        int fieldEnd = end(pos, to);
        if (fieldEnd < 0) {
          return false;
        }
        if (tag == (1 << 3 | LENGTH_DELIMITED)) {
          keyFrom = pos[0];
          keyTo = fieldEnd;
        } else if (valueFrom >= 0) {
          return false; // a value given twice is merged by protobuf: leave that to it
        } else {
          valueFrom = pos[0];
          valueTo = fieldEnd;
        }
        pos[0] = fieldEnd;
      } else if (!skip(tag, pos, to)) {
        return false;
      }
    }
    int column = keyFrom < 0 ? -1 : column(keyFrom, keyTo);
    if (column < 0 || lastRow[column] == row) {
      return false; // undeclared (types to infer), or a duplicate key
    }
    lastRow[column] = row;
    previousColumn = column;
    return valueFrom < 0 || feature(column, valueFrom, valueTo); // no value: no kind, missing
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
  private boolean feature(int column, int from, int to) {
    int[] pos = {from};
    int kind = 0;
    int listFrom = -1;
    int listTo = -1;
    while (pos[0] < to) {
      long tag = varint(pos, to);
      if (tag < 0) {
        return false;
      }
      int field = (int) (tag >>> 3);
      if ((tag & 7) == LENGTH_DELIMITED && field >= 1 && field <= 3) {
        int fieldEnd = end(pos, to);
        if (fieldEnd < 0 || kind != 0) {
          return false; // a second kind field: protobuf's oneof and merge rules decide, not this
        }
        kind = field;
        listFrom = pos[0];
        listTo = fieldEnd;
        pos[0] = fieldEnd;
      } else if (!skip(tag, pos, to)) {
        return false;
      }
    }
    if (kind == 0) {
      return true; // no kind set: missing
    }
    return switch (types[column]) {
      case INT -> kind == 3 && int64s(lists[column], listFrom, listTo, false);
      case FLOAT -> kind == 2 ? floats(lists[column], listFrom, listTo)
          : kind == 3 && int64s(lists[column], listFrom, listTo, true);
      case BYTES -> kind == 1 && bytes(lists[column], listFrom, listTo);
    };
  }

  /** An Int64List into an INT column, or into a FLOAT column as floats. */
  private boolean int64s(ListVector list, int from, int to, boolean asFloat) {
    int at = list.startNewValue(row);
    int n = 0;
    int[] pos = {from};
    while (pos[0] < to) {
      long tag = varint(pos, to);
      if (tag < 0) {
        return false;
      }
      if (tag == (1 << 3 | LENGTH_DELIMITED)) {
        int packedEnd = end(pos, to);
        if (packedEnd < 0) {
          return false;
        }
        while (pos[0] < packedEnd) {
          long v = varint(pos, packedEnd);
          if (pos[0] < 0) {
            return false;
          }
          put(list, at + n++, v, asFloat);
        }
      } else if (tag == (1 << 3 | VARINT)) {
        long v = varint(pos, to);
        if (pos[0] < 0) {
          return false;
        }
        put(list, at + n++, v, asFloat);
      } else if (!skip(tag, pos, to)) {
        return false;
      }
    }
    list.endValue(row, n);
    return true;
  }

  private static void put(ListVector list, int at, long v, boolean asFloat) {
    if (asFloat) {
      ((Float4Vector) list.getDataVector()).setSafe(at, (float) v);
    } else {
      ((BigIntVector) list.getDataVector()).setSafe(at, v);
    }
  }

  private boolean floats(ListVector list, int from, int to) {
    Float4Vector child = (Float4Vector) list.getDataVector();
    int at = list.startNewValue(row);
    int n = 0;
    int[] pos = {from};
    while (pos[0] < to) {
      long tag = varint(pos, to);
      if (tag < 0) {
        return false;
      }
      if (tag == (1 << 3 | LENGTH_DELIMITED)) {
        int packedEnd = end(pos, to);
        if (packedEnd < 0 || (packedEnd - pos[0]) % 4 != 0) {
          return false;
        }
        for (int p = pos[0]; p < packedEnd; p += 4) {
          child.setSafe(at + n++, Float.intBitsToFloat(fixed32(p)));
        }
        pos[0] = packedEnd;
      } else if (tag == (1 << 3 | FIXED32)) {
        if (pos[0] + 4 > to) {
          return false;
        }
        child.setSafe(at + n++, Float.intBitsToFloat(fixed32(pos[0])));
        pos[0] += 4;
      } else if (!skip(tag, pos, to)) {
        return false;
      }
    }
    list.endValue(row, n);
    return true;
  }

  private boolean bytes(ListVector list, int from, int to) {
    VarBinaryVector child = (VarBinaryVector) list.getDataVector();
    int at = list.startNewValue(row);
    int n = 0;
    int[] pos = {from};
    while (pos[0] < to) {
      long tag = varint(pos, to);
      if (tag < 0) {
        return false;
      }
      if (tag == (1 << 3 | LENGTH_DELIMITED)) {
        int valueEnd = end(pos, to);
        if (valueEnd < 0) {
          return false;
        }
        child.setSafe(at + n++, b, pos[0], valueEnd - pos[0]);
        pos[0] = valueEnd;
      } else if (!skip(tag, pos, to)) {
        return false;
      }
    }
    list.endValue(row, n);
    return true;
  }

  private int fixed32(int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
  }

  /**
   * A varint at {@code pos[0]} (advanced past it); on malformed input (past {@code limit}, or more
   * than ten bytes) {@code pos[0]} becomes -1 and -1 is returned. A tag is never negative, so
   * callers reading tags test the result; callers reading values test {@code pos[0]}.
   */
  private long varint(int[] pos, int limit) {
    long result = 0;
    int p = pos[0];
    for (int shift = 0; shift < 64; shift += 7) {
      if (p >= limit) {
        pos[0] = -1;
        return -1;
      }
      byte x = b[p++];
      result |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        pos[0] = p;
        return result;
      }
    }
    pos[0] = -1;
    return -1;
  }

  /** Reads a length and returns where the length-delimited field ends, or -1 when it overruns {@code limit}. */
  private int end(int[] pos, int limit) {
    long length = varint(pos, limit);
    if (pos[0] < 0 || length < 0 || length > limit - pos[0]) {
      return -1;
    }
    return pos[0] + (int) length;
  }

  /** Skips an unknown field's value; false for groups and malformed input. */
  private boolean skip(long tag, int[] pos, int limit) {
    switch ((int) (tag & 7)) {
      case VARINT -> {
        varint(pos, limit);
        return pos[0] >= 0;
      }
      case FIXED64 -> pos[0] += 8;
      case LENGTH_DELIMITED -> {
        int to = end(pos, limit);
        if (to < 0) {
          return false;
        }
        pos[0] = to;
      }
      case FIXED32 -> pos[0] += 4;
      default -> {
        return false;
      }
    }
    return pos[0] <= limit;
  }
}
