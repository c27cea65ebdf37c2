package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/** Small named examples shared by the examples tests. */
final class ExampleFixtures {
  /** Not valid UTF-8: a lone continuation byte, an overlong form and 0xff. */
  static final byte[] NOT_UTF8 = {(byte) 0x80, (byte) 0xc0, (byte) 0xaf, (byte) 0xff, 0};

  private ExampleFixtures() {}

  static Feature ints(long... values) {
    Int64List.Builder b = Int64List.newBuilder();
    for (long v : values) {
      b.addValue(v);
    }
    return Feature.newBuilder().setInt64List(b).build();
  }

  static Feature floats(float... values) {
    FloatList.Builder b = FloatList.newBuilder();
    for (float v : values) {
      b.addValue(v);
    }
    return Feature.newBuilder().setFloatList(b).build();
  }

  static Feature bytes(byte[]... values) {
    BytesList.Builder b = BytesList.newBuilder();
    for (byte[] v : values) {
      b.addValue(ByteString.copyFrom(v));
    }
    return Feature.newBuilder().setBytesList(b).build();
  }

  static Feature strings(String... values) {
    BytesList.Builder b = BytesList.newBuilder();
    for (String v : values) {
      b.addValue(ByteString.copyFromUtf8(v));
    }
    return Feature.newBuilder().setBytesList(b).build();
  }

  static Example example(Map<String, Feature> features) {
    return Example.newBuilder().setFeatures(Features.newBuilder().putAllFeature(features)).build();
  }

  /**
   * Five examples covering the convention: multi-valued, empty lists, missing features, extreme
   * numbers (float32 values that float64 would print differently) and non-UTF-8 bytes.
   */
  static List<Example> mixed() {
    List<Example> out = new ArrayList<>();
    out.add(example(Map.of("age", ints(39), "fare", floats(0.1f, 3.4028235e38f), "tags", strings("a", "b"))));
    out.add(example(Map.of("age", ints(Long.MIN_VALUE, Long.MAX_VALUE, 0), "tags", bytes(NOT_UTF8))));
    out.add(example(Map.of("age", ints(), "fare", floats(), "tags", bytes())));
    out.add(example(Map.of()));
    out.add(example(Map.of("fare", floats(Float.MIN_VALUE, -0.0f, Float.NaN), "tags", strings("é", ""))));
    return out;
  }

  static Map<String, FeatureType> mixedTypes() {
    return Map.of("age", FeatureType.INT, "fare", FeatureType.FLOAT, "tags", FeatureType.BYTES);
  }

  /** {@code n} examples with an id, so order-insensitive comparisons can be made exact. */
  static List<Example> numbered(int n) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(example(Map.of("id", ints(i), "x", floats(i * 0.5f), "s", strings("row" + i))));
    }
    return out;
  }
}
