package io.beamline.statsgen;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Exact counts of a numeric feature's distinct finite values, while there are at most
 * {@link #BOUND} of them. Most numeric columns of tabular data (hours, days, codes, areas, counts,
 * prices rounded to cents in a small range) stay below it, and for those this table is the cheap
 * and exact path: a hash lookup per value instead of a KLL update and two exact-sum updates, and
 * the median and histograms computed exactly. The owner moves the counts into its sketch and sums
 * when a value beyond the bound arrives ({@link NumericAccumulator}).
 *
 * <p>Keys are the values' IEEE bits (so {@code -0.0} and {@code 0.0} are two keys, each counted as
 * a zero) with their high half folded into the low one ({@link #key}); counts are longs, in an HPPC
 * primitive map: no boxing per value.
 */
final class DistinctNumbers {
  /** Distinct values counted exactly; state is at most ~32 KB per feature (HPPC at load 0.75). */
  static final int BOUND = 1024;

  private final LongLongHashMap counts;

  DistinctNumbers() {
    this(new LongLongHashMap());
  }

  private DistinctNumbers(LongLongHashMap counts) {
    this.counts = counts;
  }

  /** Counts {@code v} (finite) {@code times} times; false when that makes more than {@link #BOUND} distinct values. */
  boolean add(double v, long times) {
    counts.addTo(key(v), times);
    return counts.size() <= BOUND;
  }

  /**
   * The map key of {@code v}: its bits with the high 32 folded into the low 32 by xor, which is its
   * own inverse ({@link #value}). Why: the bits of a whole number (1.0, 2.0, ...) are zero below the
   * top dozen, and HPPC's hash (a multiply) carries bits only upwards, so such keys all fell in a
   * sixteenth of the slots and probed long runs; folded, they spread.
   */
  private static long key(double v) {
    long bits = Double.doubleToRawLongBits(v);
    return bits ^ (bits >>> 32);
  }

  private static double value(long key) {
    return Double.longBitsToDouble(key ^ (key >>> 32));
  }

  boolean isEmpty() {
    return counts.isEmpty();
  }

  /** The number of values counted. */
  long total() {
    long n = 0;
    for (LongLongCursor c : counts) {
      n += c.value;
    }
    return n;
  }

  /** Visits each distinct value with its count. */
  void forEach(ValueAndCount visitor) {
    for (LongLongCursor c : counts) {
      visitor.accept(value(c.key), c.value);
    }
  }

  @FunctionalInterface
  interface ValueAndCount {
    void accept(double value, long count);
  }

  /** The exact distribution of the values: sorted distinct values and their cumulative counts. */
  ValueDistribution distribution() {
    double[] values = new double[counts.size()];
    int i = 0;
    for (LongLongCursor c : counts) {
      values[i++] = value(c.key);
    }
    Arrays.sort(values);
    long[] cumulative = new long[values.length];
    long running = 0;
    for (int k = 0; k < values.length; k++) {
      running += counts.get(key(values[k]));
      cumulative[k] = running;
    }
    return new ValueDistribution.Exact(values, cumulative);
  }

  /** Writes the values' bits and counts in key order: the same counts always encode to the same bytes. */
  void encode(DataOutputStream out) throws IOException {
    long[] keys = counts.keys().toArray();
    Arrays.sort(keys);
    out.writeInt(keys.length);
    for (long key : keys) {
      out.writeLong(Double.doubleToRawLongBits(value(key)));
      out.writeLong(counts.get(key));
    }
  }

  static DistinctNumbers decode(DataInputStream in) throws IOException {
    int n = in.readInt();
    LongLongHashMap counts = new LongLongHashMap(n);
    for (int i = 0; i < n; i++) {
      counts.put(key(Double.longBitsToDouble(in.readLong())), in.readLong());
    }
    return new DistinctNumbers(counts);
  }
}
