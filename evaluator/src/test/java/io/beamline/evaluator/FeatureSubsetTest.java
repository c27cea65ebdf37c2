package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

class FeatureSubsetTest {
  private static Feature ints(long... v) {
    return Feature.newBuilder().setInt64List(Int64List.newBuilder().addAllValue(Arrays.stream(v).boxed().toList())).build();
  }

  private static Feature text(String v) {
    return Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(ByteString.copyFromUtf8(v))).build();
  }

  /** Random examples of many features: the subset is exactly protobuf's parse restricted to its names. */
  @Test
  void theSubsetIsTheFullParseRestrictedToItsFeatures() throws Exception {
    Random random = new Random(3);
    FeatureSubset subset = FeatureSubset.of(Arrays.asList("label", "hour", "payment_type", null, "absent", "hour"));
    for (int i = 0; i < 500; i++) {
      Features.Builder f = Features.newBuilder();
      for (int c = 0; c < 20; c++) {
        if (random.nextInt(4) > 0) {
          f.putFeature("f" + c, Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(random.nextFloat())).build());
        }
      }
      if (random.nextBoolean()) {
        f.putFeature("label", ints(random.nextInt(2)));
      }
      f.putFeature("hour", ints(random.nextInt(24), random.nextInt(24)));
      f.putFeature("payment_type", text(random.nextBoolean() ? "Cash" : "Crédit"));
      f.putFeature("hours", ints(99)); // a wanted key's prefix is another key
      byte[] record = Example.newBuilder().setFeatures(f).build().toByteArray();

      Map<String, Feature> expected = new TreeMap<>(Example.parseFrom(record).getFeatures().getFeatureMap());
      expected.keySet().retainAll(List.of("label", "hour", "payment_type", "absent"));
      assertEquals(expected, new TreeMap<>(subset.parse(record).getFeatures().getFeatureMap()));
    }
  }

  /** Hand-made wire bytes: value before key, a key twice (the last wins), unknown fields, no value. */
  @Test
  void mapEntriesAreReadAsProtobufReadsAMap() throws Exception {
    ByteArrayOutputStream entries = new ByteArrayOutputStream();
    entries.write(entry(ints(1), "label", false));
    entries.write(entry(ints(7), "other", false));
    entries.write(entry(ints(2), "label", true)); // value first; replaces the first label
    entries.write(entry(null, "weight", false)); // no value: the default Feature
    ByteArrayOutputStream example = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(example);
    out.writeString(5, "an unknown field of Example");
    out.writeByteArray(1, entries.toByteArray());
    out.writeUInt64(9, 42); // another unknown one
    out.flush();
    byte[] record = example.toByteArray();

    Map<String, Feature> full = Example.parseFrom(record).getFeatures().getFeatureMap();
    Map<String, Feature> subset = FeatureSubset.of(List.of("label", "weight")).parse(record).getFeatures().getFeatureMap();
    assertEquals(ints(2), full.get("label"));
    assertEquals(Map.of("label", full.get("label"), "weight", full.get("weight")), subset);
    assertEquals(Feature.getDefaultInstance(), subset.get("weight"));
  }

  @Test
  void truncatedBytesAreNotAnExample() {
    byte[] record = Example.newBuilder().setFeatures(Features.newBuilder().putFeature("label", ints(1))).build().toByteArray();
    assertThrows(InvalidProtocolBufferException.class,
        () -> FeatureSubset.of(List.of("label")).parse(Arrays.copyOf(record, record.length - 3)));
  }

  /** A Features map entry {1: key, 2: value} with the value first or last (or left out when null). */
  private static byte[] entry(Feature value, String key, boolean valueFirst) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream entry = CodedOutputStream.newInstance(bytes);
    if (valueFirst && value != null) {
      entry.writeMessage(2, value);
    }
    entry.writeString(1, key);
    if (!valueFirst && value != null) {
      entry.writeMessage(2, value);
    }
    entry.flush();
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(framed);
    out.writeByteArray(1, bytes.toByteArray());
    out.flush();
    return framed.toByteArray();
  }
}
