package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Deterministic Beam coder of {@link ExampleBatch}: row count, feature names and types, then the
 * Arrow IPC stream bytes as they are, so decoding costs no Arrow work until the batch is opened.
 */
public final class ExampleBatchCoder extends CustomCoder<ExampleBatch> {
  private static final ExampleBatchCoder INSTANCE = new ExampleBatchCoder();
  private static final FeatureType[] TYPES = FeatureType.values();

  private ExampleBatchCoder() {}

  public static ExampleBatchCoder of() {
    return INSTANCE;
  }

  /** Found by {@code @DefaultCoder} on {@link ExampleBatch}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ExampleBatch.class), INSTANCE);
  }

  @Override
  public void encode(ExampleBatch value, OutputStream out) throws IOException {
    VarIntCoder.of().encode(value.rowCount(), out);
    VarIntCoder.of().encode(value.featureTypes().size(), out);
    for (Map.Entry<String, FeatureType> e : value.featureTypes().entrySet()) {
      StringUtf8Coder.of().encode(e.getKey(), out);
      VarIntCoder.of().encode(e.getValue().ordinal(), out);
    }
    ByteArrayCoder.of().encode(value.ipcBytes(), out);
  }

  @Override
  public ExampleBatch decode(InputStream in) throws IOException {
    int rows = VarIntCoder.of().decode(in);
    int n = VarIntCoder.of().decode(in);
    Map<String, FeatureType> types = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = StringUtf8Coder.of().decode(in);
      int ordinal = VarIntCoder.of().decode(in);
      if (ordinal < 0 || ordinal >= TYPES.length) {
        throw new CoderException("Feature '" + name + "': unknown feature type ordinal " + ordinal);
      }
      types.put(name, TYPES[ordinal]);
    }
    return ExampleBatch.fromEncoded(rows, types, ByteArrayCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {
    // Deterministic: the encoding is the batch's own bytes, in a fixed order.
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
