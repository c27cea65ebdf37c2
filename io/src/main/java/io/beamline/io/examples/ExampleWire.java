package io.beamline.io.examples;

import io.beamline.io.csv.CsvBatch;

import io.beamline.core.examples.FeatureType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the rows of a typed {@link CsvBatch} as serialized tf.Examples straight from the cells,
 * byte for byte what protobuf's deterministic serialization of the same example gives (tested), but
 * without building an {@code Example}, a {@code Features} map and a {@code Feature} per cell first:
 * those objects and the map were most of ExampleGen's time.
 *
 * <p>Written by hand because protobuf offers no way to serialize a message it does not hold; the
 * layout is tensorflow's example.proto: {@code Example{features=1}}, {@code Features{map<string,
 * Feature> feature=1}} with map entries {@code {key=1, value=2}} in key order (deterministic), {@code
 * Feature{bytes_list=1 | float_list=2 | int64_list=3}}, packed int64 varints and little-endian
 * floats, and one length-delimited value per {@code bytes}. Each present cell is one feature with one
 * value; a missing cell is no feature.
 */
public final class ExampleWire {
  /** Per column, its map entry's key field: tag, length, name. */
  private final byte[][] keyFields;
  /**
   * Per FLOAT column, everything of its map entry before the value's four bytes (entry tag and
   * length, key field, Feature tag and length, FloatList tag and length, packed tag and length): a
   * one-float entry has the same bytes and length on every row, so they are written once here.
   */
  private final byte[][] floatHeads;
  private final FeatureType[] types;
  /** Columns in key order. */
  private final int[] order;
  private byte[] buf = new byte[1 << 12];
  /** Per present cell of the current row (in key order): column, and its Feature message's length. */
  private final int[] rowColumns;
  private final int[] featureLengths;
  /** The current row's INT values, by column: parsed once for both passes. */
  private final long[] ints;

  /**
   * @param header column names, in the batch's column order
   * @param types each column's type, same order; {@link #row} fails with a NumberFormatException on a
   *     cell that does not fit its column's type (the caller's check that the types fit)
   */
  public ExampleWire(List<String> header, FeatureType[] types) {
    int columns = header.size();
    this.keyFields = new byte[columns][];
    this.floatHeads = new byte[columns][];
    this.types = types.clone();
    for (int c = 0; c < columns; c++) {
      byte[] key = header.get(c).getBytes(StandardCharsets.UTF_8);
      byte[] field = new byte[1 + 5 + key.length];
      field[0] = 0x0A; // MapEntry.key
      int p = writeVarint(field, 1, key.length);
      System.arraycopy(key, 0, field, p, key.length);
      keyFields[c] = Arrays.copyOf(field, p + key.length);
      if (types[c] == FeatureType.FLOAT) {
        int featureLength = 1 + 1 + 1 + 1 + 4; // float_list tag, length 6; packed tag, length 4; the float
        int entryLength = keyFields[c].length + 1 + varintSize(featureLength) + featureLength;
        byte[] head = new byte[1 + 5 + entryLength];
        head[0] = 0x0A; // Features.feature map entry
        p = writeVarint(head, 1, entryLength);
        System.arraycopy(keyFields[c], 0, head, p, keyFields[c].length);
        p += keyFields[c].length;
        head[p++] = 0x12; // value: Feature
        p = writeVarint(head, p, featureLength);
        head[p++] = 0x12; // Feature.float_list
        p = writeVarint(head, p, 1 + 1 + 4);
        head[p++] = 0x0A; // FloatList.value, packed
        p = writeVarint(head, p, 4);
        floatHeads[c] = Arrays.copyOf(head, p);
      }
    }
    this.order = keyOrder(header);
    this.rowColumns = new int[columns];
    this.featureLengths = new int[columns];
    this.ints = new long[columns];
  }

  /**
   * Column indexes in feature-name order: the order of map entries in deterministic protobuf bytes
   * (keys compared as Java strings).
   */
  public static int[] keyOrder(List<String> header) {
    Integer[] idx = new Integer[header.size()];
    Arrays.setAll(idx, i -> i);
    Arrays.sort(idx, (a, b) -> header.get(a).compareTo(header.get(b)));
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }

  /** Row {@code r} of {@code batch} as a serialized tf.Example. */
  public byte[] row(CsvBatch batch, int r) {
    int present = 0;
    int featuresLength = 0;
    for (int c : order) {
      if (batch.isMissing(c, r)) {
        continue;
      }
      rowColumns[present++] = c;
      if (types[c] == FeatureType.FLOAT) {
        featuresLength += floatHeads[c].length + 4;
        continue;
      }
      int valueLength = types[c] == FeatureType.INT ? varintSize(ints[c] = batch.longAt(c, r)) : batch.lengthAt(c, r);
      // the list: one packed run (INT) or one length-delimited bytes value (BYTES)
      int listLength = 1 + varintSize(valueLength) + valueLength;
      int featureLength = 1 + varintSize(listLength) + listLength;
      int entryLength = keyFields[c].length + 1 + varintSize(featureLength) + featureLength;
      featuresLength += 1 + varintSize(entryLength) + entryLength;
      featureLengths[present - 1] = featureLength;
    }
    if (buf.length < 1 + 5 + featuresLength) {
      buf = new byte[Math.max(buf.length * 2, 1 + 5 + featuresLength)];
    }
    // room for the whole example is made: the writes below need no bounds checks of their own
    byte[] b = buf;
    int p = 0;
    b[p++] = 0x0A; // Example.features
    p = writeVarint(b, p, featuresLength);
    for (int i = 0; i < present; i++) {
      int c = rowColumns[i];
      if (types[c] == FeatureType.FLOAT) {
        byte[] head = floatHeads[c];
        System.arraycopy(head, 0, b, p, head.length);
        p += head.length;
        int bits = Float.floatToRawIntBits(batch.floatAt(c, r));
        b[p] = (byte) bits;
        b[p + 1] = (byte) (bits >>> 8);
        b[p + 2] = (byte) (bits >>> 16);
        b[p + 3] = (byte) (bits >>> 24);
        p += 4;
        continue;
      }
      int featureLength = featureLengths[i];
      byte[] key = keyFields[c];
      b[p++] = 0x0A; // Features.feature map entry
      p = writeVarint(b, p, key.length + 1 + varintSize(featureLength) + featureLength);
      System.arraycopy(key, 0, b, p, key.length);
      p += key.length;
      b[p++] = 0x12; // value: Feature
      p = writeVarint(b, p, featureLength);
      if (types[c] == FeatureType.INT) {
        long v = ints[c];
        int n = varintSize(v);
        b[p++] = 0x1A; // Feature.int64_list
        p = writeVarint(b, p, 1 + varintSize(n) + n);
        b[p++] = 0x0A; // Int64List.value, packed
        p = writeVarint(b, p, n);
        p = writeVarint(b, p, v);
      } else {
        int n = batch.lengthAt(c, r);
        b[p++] = 0x0A; // Feature.bytes_list
        p = writeVarint(b, p, 1 + varintSize(n) + n);
        b[p++] = 0x0A; // BytesList.value
        p = writeVarint(b, p, n);
        p += batch.copyCell(c, r, b, p);
      }
    }
    return Arrays.copyOf(b, p);
  }

  /** Writes {@code v} as a varint at {@code b[p]}, which has room; returns the position after it. */
  private static int writeVarint(byte[] b, int p, long v) {
    while ((v & ~0x7FL) != 0) {
      b[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[p++] = (byte) v;
    return p;
  }

  /** Bytes of {@code v} as a protobuf varint (a negative int64 takes ten). */
  public static int varintSize(long v) {
    // seven bits a byte: ceil(bit length / 7), and one byte for zero (v | 1 has v's bit length)
    return (70 - Long.numberOfLeadingZeros(v | 1)) / 7;
  }
}
