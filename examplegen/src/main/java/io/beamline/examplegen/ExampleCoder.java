package io.beamline.examplegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.tensorflow.proto.Example;

/**
 * Beam coder for tf.Example: its protobuf bytes, serialized deterministically (map entries sorted by
 * key) so equal examples encode equally. Beam's ProtoCoder lives in an extension this project does
 * not otherwise need.
 */
final class ExampleCoder extends AtomicCoder<Example> {
  private static final ExampleCoder INSTANCE = new ExampleCoder();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  static ExampleCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Example value, OutputStream out) throws IOException {
    BYTES.encode(ExampleProtos.deterministicBytes(value), out);
  }

  @Override
  public Example decode(InputStream in) throws IOException {
    try {
      return Example.parseFrom(BYTES.decode(in));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new CoderException("Not a tf.Example: " + e.getMessage(), e);
    }
  }

  @Override
  public void verifyDeterministic() {}
}
