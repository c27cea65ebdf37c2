package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.beamline.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Serialized examples read from their wire bytes give exactly the columns protobuf parsing gives;
 * what the wire reader does not take (undeclared features, duplicate keys, kinds to convert, broken
 * records) goes to protobuf, with the same result or error.
 */
class WireExamplesTest {
  private static final Map<String, FeatureType> TYPES = Map.of("count", FeatureType.INT, "fare", FeatureType.FLOAT,
      "name", FeatureType.BYTES, "ratio", FeatureType.FLOAT, "empty", FeatureType.INT);

  @Test
  void regularExamplesGoStraightFromWireBytesToTheSameColumnsAsProtobuf() {
    Random random = new Random(5);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      Features.Builder f = Features.newBuilder();
      if (random.nextInt(5) > 0) { // sometimes missing
        Int64List.Builder ints = Int64List.newBuilder();
        for (int k = random.nextInt(4); k > 0; k--) { // 0 to 3 values; negative ones take 10 bytes
          ints.addValue(random.nextBoolean() ? random.nextLong() : random.nextInt(100) - 50);
        }
        f.putFeature("count", Feature.newBuilder().setInt64List(ints).build());
      }
      if (random.nextInt(5) > 0) {
        f.putFeature("fare", Feature.newBuilder().setFloatList(FloatList.newBuilder()
            .addValue(random.nextInt(10) == 0 ? Float.NaN : random.nextFloat() * 100)).build());
      }
      if (random.nextBoolean()) { // an INT64 list in a FLOAT column: converted, as protobuf's path does
        f.putFeature("ratio", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(i)).build());
      }
      if (random.nextInt(4) > 0) {
        byte[] bytes = random.nextInt(10) == 0 ? new byte[] {(byte) 0xC3, (byte) 0x28} : ("v" + random.nextInt(30)).getBytes();
        f.putFeature("name", Feature.newBuilder().setBytesList(BytesList.newBuilder()
            .addValue(ByteString.copyFrom(bytes)).addValue(ByteString.copyFromUtf8("second"))).build());
      }
      if (random.nextInt(10) == 0) {
        f.putFeature("count", Feature.getDefaultInstance()); // no kind: missing
      }
      examples.add(Example.newBuilder().setFeatures(f).build());
    }
    List<byte[]> records = examples.stream().map(Example::toByteArray).toList();
    assertWireRead(records);
    assertEquals(viaProtobuf(records), viaWire(records));
  }

  @Test
  void unpackedListsAndUnknownFieldsAreReadToo() throws IOException {
    // Int64List and FloatList with one value per field (unpacked), and an unknown field in a Feature
    ByteArrayOutputStream ints = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(ints);
    out.writeInt64(1, -7);
    out.writeInt64(1, 1L << 40);
    out.flush();
    ByteArrayOutputStream floats = new ByteArrayOutputStream();
    out = CodedOutputStream.newInstance(floats);
    out.writeFloat(1, 2.5f);
    out.writeFloat(1, -0.0f);
    out.flush();
    ByteArrayOutputStream countFeature = new ByteArrayOutputStream();
    out = CodedOutputStream.newInstance(countFeature);
    out.writeByteArray(3, ints.toByteArray());
    out.writeUInt64(9, 12345); // unknown
    out.flush();
    ByteArrayOutputStream fareFeature = new ByteArrayOutputStream();
    out = CodedOutputStream.newInstance(fareFeature);
    out.writeByteArray(2, floats.toByteArray());
    out.flush();
    byte[] record = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("count", parseFeature(countFeature.toByteArray()))
        .putFeature("fare", parseFeature(fareFeature.toByteArray()))).build().toByteArray();
    // the same example with the lists written unpacked, by hand
    byte[] unpacked = example(Map.of("count", countFeature.toByteArray(), "fare", fareFeature.toByteArray()));
    assertEquals(Example.parseFrom(record).getFeatures(), Example.parseFrom(unpacked).getFeatures());
    List<byte[]> records = List.of(unpacked, record);
    assertWireRead(records);
    assertEquals(viaProtobuf(records), viaWire(records));
  }

  @Test
  void whatTheWireReaderDoesNotTakeGoesToProtobufWithTheSameResult() {
    Example a = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("count", int64(1)).putFeature("name", bytes("x"))).build();
    Example b = Example.newBuilder().setFeatures(Features.newBuilder().putFeature("count", int64(2))).build();
    Example undeclared = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("count", int64(3)).putFeature("other", bytes("y"))).build();
    Example numberInBytes = Example.newBuilder().setFeatures(Features.newBuilder().putFeature("name", int64(4))).build();
    byte[] duplicateKey = concat(a.toByteArray(), b.toByteArray()); // merged: the later "count" wins
    for (List<byte[]> records : List.of(List.of(a.toByteArray(), duplicateKey),
        List.of(a.toByteArray(), undeclared.toByteArray()), List.of(numberInBytes.toByteArray()))) {
      try (BufferAllocator allocator = new RootAllocator()) {
        assertNull(WireExamples.toRoot(records, TYPES, allocator));
      }
      assertEquals(viaProtobuf(records), viaWire(records));
    }
    assertTrue(viaWire(List.of(duplicateKey)).contains("[2]"), "the later value of a duplicate key wins");
  }

  @Test
  void aBrokenRecordOrAWrongKindIsProtobufsErrorNamingTheRecord() {
    byte[] good = Example.newBuilder().setFeatures(Features.newBuilder().putFeature("count", int64(1))).build()
        .toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 2);
    InvalidInputException broken = assertThrows(InvalidInputException.class,
        () -> viaWire(List.of(good, truncated)));
    assertTrue(broken.getMessage().contains("Record 11 of f.tfrecord"), broken.getMessage());
    byte[] floatInInt = Example.newBuilder().setFeatures(Features.newBuilder().putFeature("count",
        Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(1.5f)).build())).build().toByteArray();
    InvalidInputException kind = assertThrows(InvalidInputException.class, () -> viaWire(List.of(floatInInt)));
    assertTrue(kind.getMessage().contains("count"), kind.getMessage());
  }

  private static void assertWireRead(List<byte[]> records) {
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = WireExamples.toRoot(records, TYPES, allocator)) {
      assertNotNull(root, "read from the wire bytes, not handed to protobuf");
      assertEquals(records.size(), root.getRowCount());
    }
  }

  private static String viaWire(List<byte[]> records) {
    return ExampleBatch.applyToSerialized(records, TYPES, "f.tfrecord", 10, VectorSchemaRoot::contentToTSVString);
  }

  private static String viaProtobuf(List<byte[]> records) {
    List<Example> examples = records.stream().map(r -> ExampleCoder.parse(r, "test")).toList();
    return ExampleBatch.applyToExamples(examples, TYPES, VectorSchemaRoot::contentToTSVString);
  }

  private static Feature int64(long v) {
    return Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(v)).build();
  }

  private static Feature bytes(String v) {
    return Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(ByteString.copyFromUtf8(v))).build();
  }

  private static Feature parseFeature(byte[] bytes) {
    try {
      return Feature.parseFrom(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** An Example whose map entries hold the given Feature bytes as they are. */
  private static byte[] example(Map<String, byte[]> features) throws IOException {
    ByteArrayOutputStream featuresBytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(featuresBytes);
    for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(features).entrySet()) {
      ByteArrayOutputStream entry = new ByteArrayOutputStream();
      CodedOutputStream entryOut = CodedOutputStream.newInstance(entry);
      entryOut.writeString(1, e.getKey());
      entryOut.writeByteArray(2, e.getValue());
      entryOut.flush();
      out.writeByteArray(1, entry.toByteArray());
    }
    out.flush();
    ByteArrayOutputStream example = new ByteArrayOutputStream();
    out = CodedOutputStream.newInstance(example);
    out.writeByteArray(1, featuresBytes.toByteArray());
    out.flush();
    return example.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
