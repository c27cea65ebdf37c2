package io.beamline.examplegen;

import com.google.protobuf.CodedOutputStream;
import io.beamline.core.examples.FeatureType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/** Small tf.Example helpers shared by the readers, the split and the coder. */
final class ExampleProtos {
  private ExampleProtos() {}

  /**
   * The example's bytes with map entries in key order. Plain protobuf serialization keeps the map's
   * insertion order, which may differ between readers; the split hash must not.
   */
  static byte[] deterministicBytes(com.google.protobuf.MessageLite message) {
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.useDeterministicSerialization();
    try {
      message.writeTo(cos);
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("Serializing to an array cannot fail", e);
    }
    return out;
  }

  /** The value type a feature holds; empty when it has no kind set (present, no values, no type). */
  static Optional<FeatureType> typeOf(Feature f) {
    return switch (f.getKindCase()) {
      case INT64_LIST -> Optional.of(FeatureType.INT);
      case FLOAT_LIST -> Optional.of(FeatureType.FLOAT);
      case BYTES_LIST -> Optional.of(FeatureType.BYTES);
      default -> Optional.empty();
    };
  }

  /** The number of examples' feature values, for tests and messages. */
  static int valueCount(Feature f) {
    return switch (f.getKindCase()) {
      case INT64_LIST -> f.getInt64List().getValueCount();
      case FLOAT_LIST -> f.getFloatList().getValueCount();
      case BYTES_LIST -> f.getBytesList().getValueCount();
      default -> 0;
    };
  }

  static Example.Builder builder() {
    return Example.newBuilder();
  }
}
