package io.beamline.statsgen;

import io.beamline.core.statistics.FeatureSketches;
import io.beamline.core.statistics.NumericStatistics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Mergeable state of an INT or FLOAT feature's values. Exact: count, sum and sum of squares (as
 * {@link ExactSum}s, so mean and standard deviation do not depend on merge order), min, max, zeros,
 * NaN and infinity counts. The median and histograms: exact while the feature has at most
 * {@link DistinctNumbers#BOUND} distinct values (counted per value, the cheap path), else from a KLL
 * sketch. NaN and infinities are counted and kept out of everything else. Empty: no values,
 * min = +Inf, max = -Inf.
 *
 * <p>A finite value is in exactly one place: the table of distinct values ({@code distinct}), or
 * the sums and the sketch (with INT values possibly still pending as integers). When the table
 * would pass its bound, its counts move into the sums (exactly: value times count as a product and
 * its rounding error) and into the sketch (as weighted items), and it is dropped for good.
 */
final class NumericAccumulator {
  private long count;
  private final ExactSum sum;
  private final ExactSum sumOfSquares;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private long zeros;
  private long nan;
  private long posInf;
  private long negInf;
  private final KllDoublesSketch sketch;
  /** Exact counts of the values not in the sums and sketch; null once the feature had too many distinct values. */
  private DistinctNumbers distinct = new DistinctNumbers();
  /**
   * INT values not yet in {@code sum} / {@code sumOfSquares}: their sum as a long and the sum of
   * their squares as a 128-bit unsigned number (hi, lo), exact integer arithmetic that costs a few
   * instructions per value where an exact floating-point sum costs a loop; folded into the exact
   * sums before they overflow and whenever the state is read, merged or encoded.
   */
  private long pendingSum;
  private long pendingSquaresHi;
  private long pendingSquaresLo;
  /** Weighted state, or null when no weight feature is used. */
  private WeightedNumericAccumulator weighted;

  NumericAccumulator() {
    this(new ExactSum(), new ExactSum(), Quantiles.newSketch());
  }

  /** With weighted state for {@code feature} when {@code weightedToo}. */
  NumericAccumulator(String feature, boolean weightedToo) {
    this();
    weighted = weightedToo ? new WeightedNumericAccumulator(feature) : null;
  }

  /** Adds {@code v} of an example with weight {@code w}: counted once unweighted and with {@code w} weighted. */
  void add(double v, double w) {
    add(v);
    if (weighted != null && Double.isFinite(v)) {
      weighted.add(v, w);
    }
  }

  /** Adds the INT value {@code v} of an example with weight {@code w}: exactly, as an integer. */
  void addLong(long v, double w) {
    addLong(v);
    if (weighted != null) {
      weighted.add(v, w);
    }
  }

  void addLong(long v) {
    count++;
    if (distinct != null && v >= -(1L << 53) && v <= 1L << 53) { // exactly a double: the table can count it
      minMaxZeros(v);
      if (!distinct.add(v, 1)) {
        spill();
      }
      return;
    }
    long s = pendingSum + v;
    if (((pendingSum ^ s) & (v ^ s)) < 0) { // the long sum would overflow: fold it first
      foldSum();
      s = v;
    }
    pendingSum = s;
    long lo = v * v;
    long lo2 = pendingSquaresLo + lo;
    pendingSquaresHi += Math.multiplyHigh(v, v) + (Long.compareUnsigned(lo2, pendingSquaresLo) < 0 ? 1 : 0);
    pendingSquaresLo = lo2;
    if (pendingSquaresHi > 1L << 60) { // room for at least one more square (< 2^126) before overflow
      foldSquares();
    }
    track(v);
  }

  private void foldSum() {
    // two doubles that hold the long exactly: its high 32 bits (as a multiple of 2^32) and its low 32
    sum.add((double) (pendingSum & ~0xFFFFFFFFL));
    sum.add((double) (pendingSum & 0xFFFFFFFFL));
    pendingSum = 0;
  }

  private void foldSquares() {
    // the unsigned 128-bit (hi, lo) as four exact doubles: 32-bit chunks times powers of 2^32
    sumOfSquares.add((double) (pendingSquaresLo & 0xFFFFFFFFL));
    sumOfSquares.add((double) (pendingSquaresLo >>> 32) * 0x1p32);
    sumOfSquares.add((double) (pendingSquaresHi & 0xFFFFFFFFL) * 0x1p64);
    sumOfSquares.add((double) (pendingSquaresHi >>> 32) * 0x1p96);
    pendingSquaresHi = 0;
    pendingSquaresLo = 0;
  }

  /** Moves the pending integer sums into the exact sums (their values do not change). */
  private void fold() {
    if (pendingSum != 0) {
      foldSum();
    }
    if (pendingSquaresHi != 0 || pendingSquaresLo != 0) {
      foldSquares();
    }
  }

  private NumericAccumulator(ExactSum sum, ExactSum sumOfSquares, KllDoublesSketch sketch) {
    this.sum = sum;
    this.sumOfSquares = sumOfSquares;
    this.sketch = sketch;
  }

  void add(double v) {
    if (Double.isNaN(v)) {
      nan++;
      return;
    }
    if (Double.isInfinite(v)) {
      if (v > 0) {
        posInf++;
      } else {
        negInf++;
      }
      return;
    }
    count++;
    if (distinct != null) {
      minMaxZeros(v);
      if (!distinct.add(v, 1)) {
        spill();
      }
      return;
    }
    sum.add(v);
    sumOfSquares.addSquare(v);
    track(v);
  }

  /** Min, max, zeros and the sketch, for a finite value. */
  private void track(double v) {
    minMaxZeros(v);
    sketch.update(v);
  }

  private void minMaxZeros(double v) {
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
    if (v == 0) {
      zeros++;
    }
  }

  /** Moves the distinct values' counts into the sums and the sketch, and stops counting per value. */
  private void spill() {
    DistinctNumbers counted = distinct;
    distinct = null;
    counted.forEach(this::addCounted);
  }

  /** Adds {@code v}, {@code n} times, to the sums and the sketch, exactly (min, max and zeros are already in). */
  private void addCounted(double v, long n) {
    sum.addProduct(v, n);
    sumOfSquares.addWeightedSquare(n, v);
    sketch.update(v, n);
  }

  /** Merges {@code other} into this one; {@code other} is left unchanged. */
  void merge(NumericAccumulator other) {
    fold();
    other.fold();
    count += other.count;
    sum.add(other.sum);
    sumOfSquares.add(other.sumOfSquares);
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    zeros += other.zeros;
    nan += other.nan;
    posInf += other.posInf;
    negInf += other.negInf;
    sketch.merge(other.sketch);
    if (other.distinct != null) {
      other.distinct.forEach((v, n) -> {
        if (distinct == null) {
          addCounted(v, n);
        } else if (!distinct.add(v, n)) {
          spill();
        }
      });
    }
    if (other.weighted != null) {
      weighted.merge(other.weighted);
    }
  }

  NumericStatistics toStatistics() {
    fold();
    if (count == 0) {
      return new NumericStatistics(null, null, 0, null, null, null, nan, posInf, negInf, List.of(),
          weighted == null ? null : weighted.toStatistics());
    }
    ExactSum s1 = totalSum();
    ExactSum s2 = totalSquares();
    // Mean and variance from the exact sums in high precision: (n*SS - S^2) / n^2 has no
    // cancellation error here because both products are exact.
    BigDecimal n = BigDecimal.valueOf(count);
    BigDecimal s = s1.exact();
    BigDecimal mean = s.divide(n, MathContext.DECIMAL128);
    BigDecimal numerator = s2.exact().multiply(n).subtract(s.multiply(s));
    BigDecimal variance = numerator.max(BigDecimal.ZERO).divide(n.multiply(n), MathContext.DECIMAL128);
    double stdDev = variance.sqrt(MathContext.DECIMAL128).doubleValue();
    ValueDistribution values = distribution();
    return new NumericStatistics(mean.doubleValue(), stdDev, zeros, min, values.quantile(0.5), max, nan, posInf,
        negInf, List.of(Quantiles.standardHistogram(values, min, max, nan, 1),
            Quantiles.quantilesHistogram(values, min, max, nan, 1)),
        weighted == null ? null : weighted.toStatistics());
  }

  /** The sum of every finite value: the sums plus the distinct values' counts (state unchanged). */
  private ExactSum totalSum() {
    ExactSum total = sum.copy();
    if (distinct != null) {
      distinct.forEach((v, n) -> total.addProduct(v, n));
    }
    return total;
  }

  private ExactSum totalSquares() {
    ExactSum total = sumOfSquares.copy();
    if (distinct != null) {
      distinct.forEach((v, n) -> total.addWeightedSquare(n, v));
    }
    return total;
  }

  /**
   * Exact when every value is in the table; else the sketch, with the table's counts added to a copy
   * of it (state unchanged).
   */
  private ValueDistribution distribution() {
    if (distinct != null && sketch.isEmpty()) {
      return distinct.distribution();
    }
    if (distinct == null || distinct.isEmpty()) {
      return ValueDistribution.of(sketch);
    }
    KllDoublesSketch all = Quantiles.heapify(sketch.toByteArray());
    distinct.forEach(all::update);
    return ValueDistribution.of(all);
  }

  /**
   * The values' distribution as kept beside the statistics: exact counts while every value is in
   * the table, else the KLL sketch with the table's counts added (a copy: state unchanged).
   */
  FeatureSketches.FeatureSketch toSketch(String name) {
    fold();
    if (distinct != null && sketch.isEmpty()) {
      java.util.Map<Double, Long> counts = new java.util.TreeMap<>();
      distinct.forEach((v, n) -> counts.merge(v, n, Long::sum));
      return new FeatureSketches.FeatureSketch(name, distinct.total(), counts, null, null, null);
    }
    KllDoublesSketch all = Quantiles.heapify(sketch.toByteArray());
    if (distinct != null) {
      distinct.forEach(all::update);
    }
    return new FeatureSketches.FeatureSketch(name, all.getN(), null,
        java.util.Base64.getEncoder().encodeToString(all.toByteArray()), null, null);
  }

  /** The number of finite values in the sketch or the table. */
  private long distributionN() {
    return sketch.getN() + (distinct == null ? 0 : distinct.total());
  }

  void encode(DataOutputStream out) throws IOException {
    fold();
    out.writeLong(count);
    sum.encode(out);
    sumOfSquares.encode(out);
    out.writeDouble(min);
    out.writeDouble(max);
    out.writeLong(zeros);
    out.writeLong(nan);
    out.writeLong(posInf);
    out.writeLong(negInf);
    Codecs.writeBytes(out, sketch.toByteArray());
    out.writeBoolean(distinct != null);
    if (distinct != null) {
      distinct.encode(out);
    }
    out.writeBoolean(weighted != null);
    if (weighted != null) {
      weighted.encode(out);
    }
  }

  static NumericAccumulator decode(DataInputStream in, String feature) throws IOException {
    long count = in.readLong();
    ExactSum sum = ExactSum.decode(in);
    ExactSum squares = ExactSum.decode(in);
    double min = in.readDouble();
    double max = in.readDouble();
    long zeros = in.readLong();
    long nan = in.readLong();
    long posInf = in.readLong();
    long negInf = in.readLong();
    NumericAccumulator a = new NumericAccumulator(sum, squares, Quantiles.heapify(Codecs.readBytes(in)));
    a.count = count;
    a.min = min;
    a.max = max;
    a.zeros = zeros;
    a.nan = nan;
    a.posInf = posInf;
    a.negInf = negInf;
    a.distinct = in.readBoolean() ? DistinctNumbers.decode(in) : null;
    a.weighted = in.readBoolean() ? WeightedNumericAccumulator.decode(in, feature) : null;
    return a;
  }

  /** Equality of the exact state and of the sketch's size; the sketch's content is random. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NumericAccumulator a)) {
      return false;
    }
    fold(); // changes the representation only, never the value
    a.fold();
    return count == a.count && totalSum().equals(a.totalSum())
        && totalSquares().equals(a.totalSquares()) && Double.compare(min, a.min) == 0
        && Double.compare(max, a.max) == 0 && zeros == a.zeros && nan == a.nan
        && posInf == a.posInf && negInf == a.negInf && distributionN() == a.distributionN()
        && Objects.equals(weighted, a.weighted);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, min, max, zeros, nan, posInf, negInf);
  }

  @Override
  public String toString() {
    return "Numeric{count=" + count + ", sum=" + sum + ", min=" + min + ", max=" + max + ", zeros=" + zeros
        + ", nan=" + nan + ", +inf=" + posInf + ", -inf=" + negInf + ", values in sketch/table=" + distributionN() + (weighted != null ? ", " + weighted : "") + "}";
  }

}
