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
  private final byte[][] keys;
  private final FeatureType[] types;
  /** Columns in key order. */
  private final int[] order;
  private byte[] buf = new byte[1 << 12];
  private int size;
  /** Per present cell of the current row (in key order): column, and its Feature message's length. */
  private int[] rowColumns;
  private int[] featureLengths;
  /** The current row's INT values, by column: parsed once for both passes. */
  private final long[] ints;

  /**
   * @param header column names, in the batch's column order
   * @param types each column's type, same order; every cell is known to fit it
   */
  public ExampleWire(List<String> header, FeatureType[] types) {
    this.keys = new byte[header.size()][];
    for (int c = 0; c < keys.length; c++) {
      keys[c] = header.get(c).getBytes(StandardCharsets.UTF_8);
    }
    this.types = types.clone();
    this.order = keyOrder(header);
    this.rowColumns = new int[keys.length];
    this.featureLengths = new int[keys.length];
    this.ints = new long[keys.length];
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
      int valueLength = switch (types[c]) {
        case INT -> varintSize(ints[c] = batch.longAt(c, r));
        case FLOAT -> 4;
        case BYTES -> batch.lengthAt(c, r);
      };
      // the list: one packed run (INT, FLOAT) or one length-delimited bytes value (BYTES)
      int listLength = 1 + varintSize(valueLength) + valueLength;
      int featureLength = 1 + varintSize(listLength) + listLength;
      int entryLength = 1 + varintSize(keys[c].length) + keys[c].length + 1 + varintSize(featureLength) + featureLength;
      featuresLength += 1 + varintSize(entryLength) + entryLength;
      rowColumns[present] = c;
      featureLengths[present++] = featureLength;
    }
    size = 0;
    ensure(1 + 5 + featuresLength);
    put(0x0A); // Example.features
    putVarint(featuresLength);
    for (int i = 0; i < present; i++) {
      int c = rowColumns[i];
      int featureLength = featureLengths[i];
      int entryLength = 1 + varintSize(keys[c].length) + keys[c].length + 1 + varintSize(featureLength) + featureLength;
      put(0x0A); // Features.feature map entry
      putVarint(entryLength);
      put(0x0A); // key
      putVarint(keys[c].length);
      putBytes(keys[c], 0, keys[c].length);
      put(0x12); // value: Feature
      putVarint(featureLength);
      switch (types[c]) {
        case INT -> {
          long v = ints[c];
          int n = varintSize(v);
          put(0x1A); // Feature.int64_list
          putVarint(1 + varintSize(n) + n);
          put(0x0A); // Int64List.value, packed
          putVarint(n);
          putVarint(v);
        }
        case FLOAT -> {
          int bits = Float.floatToRawIntBits(batch.floatAt(c, r));
          put(0x12); // Feature.float_list
          putVarint(1 + 1 + 4);
          put(0x0A); // FloatList.value, packed
          putVarint(4);
          put(bits);
          put(bits >>> 8);
          put(bits >>> 16);
          put(bits >>> 24);
        }
        case BYTES -> {
          int n = batch.lengthAt(c, r);
          put(0x0A); // Feature.bytes_list
          putVarint(1 + varintSize(n) + n);
          put(0x0A); // BytesList.value
          putVarint(n);
          ensure(n);
          size += batch.copyCell(c, r, buf, size);
        }
      }
    }
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  private void put(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  private void putBytes(byte[] b, int from, int length) {
    ensure(length);
    System.arraycopy(b, from, buf, size, length);
    size += length;
  }

  private void putVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  /** Bytes of {@code v} as a protobuf varint (a negative int64 takes ten). */
  public static int varintSize(long v) {
    // seven bits a byte: ceil(bit length / 7), and one byte for zero (v | 1 has v's bit length)
    return (70 - Long.numberOfLeadingZeros(v | 1)) / 7;
  }
}
