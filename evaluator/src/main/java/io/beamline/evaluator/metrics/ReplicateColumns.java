package io.beamline.evaluator.metrics;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The additive state of an accumulator's bootstrap (or jackknife) replicates, kept slot by slot with
 * every replicate's value side by side: {@code [slot * replicates + r]}. A slot is one sum of the
 * accumulator (the weight, a confusion cell, a histogram bucket...). Adding an example to every
 * replicate is then one short branch-free loop per slot the example touches (its value times each
 * replicate's multiplicity), which the JIT vectorizes, where a call per replicate into its own
 * object touched a line of memory per replicate and branched on each draw. Each replicate's sums
 * still take the examples one by one in order, so reading them midway changes nothing.
 */
final class ReplicateColumns {
  private final int slots;
  private final int replicates;
  private final double[] sums;

  ReplicateColumns(int slots, int replicates) {
    this.slots = slots;
    this.replicates = replicates;
    this.sums = new double[slots * replicates];
  }

  /** Adds {@code value} times each replicate's multiplicity ({@code times[r]}) to {@code slot}. */
  void add(int slot, double value, double[] times) {
    int base = slot * replicates;
    for (int r = 0; r < replicates; r++) {
      sums[base + r] += value * times[r];
    }
  }

  /**
   * {@link #add(int, double, double[])} for two slots in one loop: each multiplicity is read once
   * for both, which made adding an example's ten regression sums about a fifth faster.
   */
  void add(int slotA, double a, int slotB, double b, double[] times) {
    int baseA = slotA * replicates;
    int baseB = slotB * replicates;
    for (int r = 0; r < replicates; r++) {
      double t = times[r];
      sums[baseA + r] += a * t;
      sums[baseB + r] += b * t;
    }
  }

  /** Replicate {@code r}'s slots, in slot order (a copy). */
  double[] replicate(int r) {
    double[] values = new double[slots];
    for (int s = 0; s < slots; s++) {
      values[s] = sums[s * replicates + r];
    }
    return values;
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

  /** Adds {@code values} (one per slot) into replicate {@code r}. */
  void addToReplicate(int r, double[] values) {
    for (int s = 0; s < slots; s++) {
      sums[s * replicates + r] += values[s];
    }
  }

  /** Adds {@code other}'s replicates, of the same shape, into these: replicate r into replicate r. */
  void merge(ReplicateColumns other) {
    if (other.slots != slots || other.replicates != replicates) {
      throw new IllegalArgumentException("Cannot merge replicates of " + other.slots + " slots x " + other.replicates
          + " into " + slots + " x " + replicates);
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] += other.sums[i];
    }
  }

  void clear() {
    Arrays.fill(sums, 0);
  }

  int replicates() {
    return replicates;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplicateColumns c && c.slots == slots && c.replicates == replicates
        && Arrays.equals(c.sums, sums);
  }

  @Override
  public int hashCode() {
    return 31 * slots + replicates;
  }
}
