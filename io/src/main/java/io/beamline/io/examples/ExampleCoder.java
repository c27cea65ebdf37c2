package io.beamline.io.examples;

import com.google.protobuf.CodedOutputStream;
import io.beamline.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.tensorflow.proto.Example;

/**
 * Beam coder for tf.Example: its protobuf bytes, serialized deterministically (map keys sorted) so
 * equal examples encode equally and can be grouped by. Registered for {@code Example} through
 * {@link ExampleCoderRegistrar}, so pipelines infer it; {@code ExampleCoder.of()} sets it explicitly.
 */
public final class ExampleCoder extends CustomCoder<Example> {
  private static final ExampleCoder INSTANCE = new ExampleCoder();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  private ExampleCoder() {}

  public static ExampleCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Example value, OutputStream out) throws IOException {
    BYTES.encode(serialize(value), out);
  }

  @Override
  public Example decode(InputStream in) throws IOException {
    return Example.parseFrom(BYTES.decode(in));
  }

  @Override
  public void verifyDeterministic() {
    // Deterministic: serialize() sorts map entries.
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  /** The example's protobuf bytes with map entries in key order. */
  public static byte[] serialize(Example example) {
    byte[] bytes = new byte[example.getSerializedSize()];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      example.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("Serializing a tf.Example into an array cannot fail", e);
    }
    return bytes;
  }

  /** Parses one serialized tf.Example; a bad payload names {@code where}. */
  public static Example parse(byte[] bytes, String where) {
    try {
      return Example.parseFrom(bytes);
    } catch (IOException e) {
      throw new InvalidInputException(where + " is not a serialized tf.Example: " + e.getMessage(), e);
    }
  }
}
