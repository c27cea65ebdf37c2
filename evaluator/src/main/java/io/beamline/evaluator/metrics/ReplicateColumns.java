package io.beamline.evaluator.metrics;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The additive state of an accumulator's bootstrap (or jackknife) replicates, kept slot by slot with
 * every replicate's value side by side: {@code [slot][r]}. A slot is one sum of the accumulator (the
 * weight, a confusion cell, a histogram bucket...). Adding an example to every replicate is then one
 * short branch-free loop per slot the example touches (its value times each replicate's
 * multiplicity), where a call per replicate into its own object touched a line of memory per
 * replicate and branched on each draw. Each replicate's sums still take the examples one by one in
 * order, so reading them midway changes nothing.
 *
 * <p>A slot's row is its own array, made when the slot is first touched: a loop over two arrays ran
 * faster than over two ranges of one (a micro-benchmark of 10 slots: 62-80 ns an example against
 * 105-127; presumably the JIT cannot tell that two ranges of one array never overlap), and a
 * slice's replicates hold only the histogram buckets its examples reached.
 */
final class ReplicateColumns {
  private final int replicates;
  /** [slot]: the slot's value in each replicate; null while every replicate's is 0. */
  private final double[][] sums;

  ReplicateColumns(int slots, int replicates) {
    this.replicates = replicates;
    this.sums = new double[slots][];
  }

  private double[] row(int slot) {
    double[] row = sums[slot];
    if (row == null) {
      row = new double[replicates];
      sums[slot] = row;
    }
    return row;
  }

  /** Adds {@code value} times each replicate's multiplicity ({@code times[r]}) to {@code slot}. */
  void add(int slot, double value, double[] times) {
    double[] row = row(slot);
    for (int r = 0; r < replicates; r++) {
      row[r] += value * times[r];
    }
  }

  /**
   * {@link #add(int, double, double[])} for two slots in one loop, each multiplicity read once for
   * both. Written out for two and three slots (not a loop over a list of slots, which measured about
   * twice as slow): the callers use three a loop and these for what is left over.
   */
  void add(int slotA, double a, int slotB, double b, double[] times) {
    double[] rowA = row(slotA);
    double[] rowB = row(slotB);
    for (int r = 0; r < replicates; r++) {
      double t = times[r];
      rowA[r] += a * t;
      rowB[r] += b * t;
    }
  }

  /** {@link #add(int, double, double[])} for three slots in one loop. */
  void add(int slotA, double a, int slotB, double b, int slotC, double c, double[] times) {
    double[] rowA = row(slotA);
    double[] rowB = row(slotB);
    double[] rowC = row(slotC);
    for (int r = 0; r < replicates; r++) {
      double t = times[r];
      rowA[r] += a * t;
      rowB[r] += b * t;
      rowC[r] += c * t;
    }
  }

  /** Replicate {@code r}'s slots, in slot order (a copy). */
  double[] replicate(int r) {
    double[] values = new double[sums.length];
    for (int s = 0; s < sums.length; s++) {
      values[s] = sums[s] == null ? 0 : sums[s][r];
    }
    return values;
  }

  /** Adds {@code values} (one per slot) into replicate {@code r}. */
  void addToReplicate(int r, double[] values) {
    for (int s = 0; s < sums.length; s++) {
      if (values[s] != 0 || Double.isNaN(values[s])) {
        row(s)[r] += values[s];
      }
    }
  }

  /** Adds {@code other}'s replicates, of the same shape, into these: replicate r into replicate r. */
  void merge(ReplicateColumns other) {
    if (other.sums.length != sums.length || other.replicates != replicates) {
      throw new IllegalArgumentException("Cannot merge replicates of " + other.sums.length + " slots x "
          + other.replicates + " into " + sums.length + " x " + replicates);
    }
    for (int s = 0; s < sums.length; s++) {
      double[] from = other.sums[s];
      if (from != null) {
        double[] into = row(s);
        for (int r = 0; r < replicates; r++) {
          into[r] += from[r];
        }
      }
    }
  }

  /** Back to zeros, keeping the rows made so far. */
  void clear() {
    for (double[] row : sums) {
      if (row != null) {
        Arrays.fill(row, 0);
      }
    }
  }

  int replicates() {
    return replicates;
  }

  /** An accumulator's state as one vector of slots: {@code scalars}, then each array, end to end. */
  static double[] pack(double[] scalars, double[]... arrays) {
    int length = scalars.length;
    for (double[] a : arrays) {
      length += a.length;
    }
    double[] v = Arrays.copyOf(scalars, length);
    int at = scalars.length;
    for (double[] a : arrays) {
      System.arraycopy(a, 0, v, at, a.length);
      at += a.length;
    }
    return v;
  }

  /** The inverse of {@link #pack}: fills {@code arrays} from {@code v} and returns its first {@code scalars} values. */
  static double[] unpack(double[] v, int scalars, double[]... arrays) {
    int at = scalars;
    for (double[] a : arrays) {
      System.arraycopy(v, at, a, 0, a.length);
      at += a.length;
    }
    return Arrays.copyOf(v, scalars);
  }

  /** Every replicate, made by {@code replicate} from its index, in an array from {@code newArray}. */
  <A> A[] each(IntFunction<A> replicate, IntFunction<A[]> newArray) {
    A[] all = newArray.apply(replicates);
    for (int r = 0; r < replicates; r++) {
      all[r] = replicate.apply(r);
    }
    return all;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ReplicateColumns c) || c.sums.length != sums.length || c.replicates != replicates) {
      return false;
    }
    double[] zeros = new double[replicates];
    for (int s = 0; s < sums.length; s++) {
      if (!Arrays.equals(sums[s] == null ? zeros : sums[s], c.sums[s] == null ? zeros : c.sums[s])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return 31 * sums.length + replicates;
  }
}
