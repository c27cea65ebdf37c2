package io.beamline.statsgen;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The exact sum of doubles, kept as a short list of non-overlapping partial sums (Shewchuk's
 * algorithm, the one behind Python's {@code math.fsum}). Written by hand because no dependency of
 * the project offers it, and because it makes sums, means and standard deviations independent of
 * the order values and accumulators arrive in: statistics of a split are bit-identical whatever the
 * bundling, which Welford/Chan merging (exact only up to rounding) cannot promise. There are at most
 * about 40 partials for any doubles, so the state stays bounded.
 */
final class ExactSum {
  private double[] partials = new double[4];
  private int size;

  void add(double x) {
    int i = 0;
    for (int j = 0; j < size; j++) {
      double y = partials[j];
      if (Math.abs(x) < Math.abs(y)) {
        double t = x;
        x = y;
        y = t;
      }
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) {
        partials[i++] = lo;
      }
      x = hi;
    }
    if (i == partials.length) {
      partials = Arrays.copyOf(partials, partials.length * 2);
    }
    partials[i] = x;
    size = i + 1;
  }

  /** Adds {@code x * x} exactly: the product and its rounding error (from a fused multiply-add). */
  void addSquare(double x) {
    double p = x * x;
    add(p);
    add(Math.fma(x, x, -p));
  }

  /** Adds {@code a * b} exactly: the product and its rounding error (from a fused multiply-add). */
  void addProduct(double a, double b) {
    double p = a * b;
    add(p);
    add(Math.fma(a, b, -p));
  }

  /** Adds {@code w * x * x} exactly: {@code x * x} split into product and error, each times {@code w}. */
  void addWeightedSquare(double w, double x) {
    double p = x * x;
    addProduct(w, p);
    addProduct(w, Math.fma(x, x, -p));
  }

  ExactSum copy() {
    ExactSum c = new ExactSum();
    c.partials = Arrays.copyOf(partials, Math.max(4, size));
    c.size = size;
    return c;
  }

  void add(ExactSum other) {
    for (int j = 0; j < other.size; j++) {
      add(other.partials[j]);
    }
  }

  /** The sum rounded once to the nearest double. */
  double value() {
    return exact().doubleValue();
  }

  /** The exact sum. */
  BigDecimal exact() {
    BigDecimal sum = BigDecimal.ZERO;
    for (int j = 0; j < size; j++) {
      sum = sum.add(new BigDecimal(partials[j]));
    }
    return sum;
  }

  void encode(DataOutputStream out) throws IOException {
    out.writeInt(size);
    for (int j = 0; j < size; j++) {
      out.writeDouble(partials[j]);
    }
  }

  static ExactSum decode(DataInputStream in) throws IOException {
    ExactSum s = new ExactSum();
    int n = in.readInt();
    s.partials = new double[Math.max(4, n)];
    for (int j = 0; j < n; j++) {
      s.partials[j] = in.readDouble();
    }
    s.size = n;
    return s;
  }

  /** Equal when the exact sums are equal, whatever partials represent them. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ExactSum other && exact().compareTo(other.exact()) == 0;
  }

  @Override
  public int hashCode() {
    return exact().stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return exact().toString();
  }
}
