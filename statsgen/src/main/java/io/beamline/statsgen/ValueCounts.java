package io.beamline.statsgen;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * How many values each example has, for one feature: the input of {@code num_values_histogram}.
 * Counts below {@value #EXACT_BELOW} (nearly every example: a CSV cell has one value, most list
 * features a handful) are tallied exactly in a small table; larger ones go to a KLL sketch. Feeding
 * every example into a sketch cost one sketch update per present cell, more than all the rest of a
 * cell's statistics; the table costs an array increment, and its quantiles are exact.
 */
final class ValueCounts {
  static final int EXACT_BELOW = 64;

  private final long[] small;
  private final KllDoublesSketch large;

  ValueCounts() {
    this(new long[EXACT_BELOW], Quantiles.newSketch());
  }

  private ValueCounts(long[] small, KllDoublesSketch large) {
    this.small = small;
    this.large = large;
  }

  /** {@code examples} examples with {@code n} values each. */
  void add(int n, long examples) {
    if (n < EXACT_BELOW) {
      small[n] += examples;
    } else {
      large.update(n, examples);
    }
  }

  void merge(ValueCounts other) {
    for (int n = 0; n < EXACT_BELOW; n++) {
      small[n] += other.small[n];
    }
    large.merge(other.large);
  }

  /** The number of examples counted. */
  long examples() {
    long total = large.getN();
    for (long c : small) {
      total += c;
    }
    return total;
  }

  /**
   * A sketch of every count, to read quantiles from: the large counts' sketch with the table added as
   * weighted items (exact while the sketch holds every item, which it does below about k items).
   */
  KllDoublesSketch sketch() {
    KllDoublesSketch all = Quantiles.newSketch();
    all.merge(large);
    for (int n = 0; n < EXACT_BELOW; n++) {
      if (small[n] > 0) {
        all.update(n, small[n]);
      }
    }
    return all;
  }

  void encode(DataOutputStream out) throws IOException {
    int used = 0;
    for (long c : small) {
      used += c > 0 ? 1 : 0;
    }
    out.writeByte(used);
    for (int n = 0; n < EXACT_BELOW; n++) {
      if (small[n] > 0) {
        out.writeByte(n);
        out.writeLong(small[n]);
      }
    }
    Codecs.writeBytes(out, large.toByteArray());
  }

  static ValueCounts decode(DataInputStream in) throws IOException {
    long[] small = new long[EXACT_BELOW];
    int used = in.readUnsignedByte();
    for (int i = 0; i < used; i++) {
      int n = in.readUnsignedByte();
      small[n] = in.readLong();
    }
    return new ValueCounts(small, Quantiles.heapify(Codecs.readBytes(in)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueCounts v && Arrays.equals(small, v.small) && large.getN() == v.large.getN();
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(small);
  }
}
