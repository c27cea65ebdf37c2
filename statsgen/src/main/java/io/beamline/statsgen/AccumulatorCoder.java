package io.beamline.statsgen;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Deterministic coder of {@link SlicedAccumulator}s: slices and features in name order, exact value counts in
 * value order, sketches as DataSketches' own {@code toByteArray} bytes. The encoding is
 * self-delimiting, so it nests in any context.
 */
final class AccumulatorCoder extends CustomCoder<SlicedAccumulator> {
  private final StatisticsOptions options;

  AccumulatorCoder(StatisticsOptions options) {
    this.options = options;
  }

  @Override
  public void encode(SlicedAccumulator value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    value.encode(out);
    out.flush();
  }

  @Override
  public SlicedAccumulator decode(InputStream inStream) throws IOException {
    return SlicedAccumulator.decode(new DataInputStream(inStream), options);
  }

  @Override
  public void verifyDeterministic() {
    // Deterministic by construction, see the class comment.
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccumulatorCoder c && options.equals(c.options);
  }

  @Override
  public int hashCode() {
    return options.hashCode();
  }
}
