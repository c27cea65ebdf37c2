package io.beamline.io.examples;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Deterministic protobuf bytes for any message (the split hashes a partition feature's
 * {@code Feature}); whole examples go through core's {@code ExampleCoder.serialize}, which does the
 * same.
 */
public final class ExampleProtos {
  private ExampleProtos() {}

  /**
   * The message's bytes with map entries in key order. Plain protobuf serialization keeps the map's
   * insertion order, which may differ between readers; the split hash must not.
   */
  public static byte[] deterministicBytes(com.google.protobuf.MessageLite message) {
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
}
