package io.beamline.statsgen;

import io.beamline.core.InvalidInputException;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.WeightedNumericStatistics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Mergeable weighted state of a numeric feature's finite values. Exact: the sums of weights, of
 * weight times value and of weight times value squared (as {@link ExactSum}s, so the weighted mean
 * and standard deviation do not depend on bundling). Approximate: a KLL sketch fed with integer
 * weights ({@link Weights#units}) for the weighted median and histograms.
 *
 * <p>A weighted KLL update costs a small merge (about 2 microseconds), so values are first summed
 * per distinct value in a small buffer and each distinct value enters the sketch once per flush:
 * data with repeated values (integers, rounded amounts) pays that cost far less than once a value.
 */
final class WeightedNumericAccumulator {
  private static final int BUFFER_LIMIT = 1024;

  private final String feature;
  private final ExactSum weights;
  private final ExactSum weightedSum;
  private final ExactSum weightedSquares;
  private final KllDoublesSketch sketch;
  private long units;
  private final Map<Double, long[]> pending = new HashMap<>();

  WeightedNumericAccumulator(String feature) {
    this(feature, new ExactSum(), new ExactSum(), new ExactSum(), Quantiles.newSketch());
  }

  private WeightedNumericAccumulator(String feature, ExactSum weights, ExactSum weightedSum, ExactSum weightedSquares,
      KllDoublesSketch sketch) {
    this.feature = feature;
    this.weights = weights;
    this.weightedSum = weightedSum;
    this.weightedSquares = weightedSquares;
    this.sketch = sketch;
  }

  /** Adds a finite value {@code v} with weight {@code w >= 0}. */
  void add(double v, double w) {
    if (w == 0) {
      return;
    }
    weights.add(w);
    weightedSum.addProduct(w, v);
    weightedSquares.addWeightedSquare(w, v);
    long u = Weights.units(w);
    long[] slot = pending.get(v);
    if (slot == null) {
      pending.put(v, new long[] {u});
      if (pending.size() >= BUFFER_LIMIT) {
        flush();
      }
    } else {
      slot[0] += u;
    }
  }

  private void flush() {
    for (Map.Entry<Double, long[]> e : pending.entrySet()) {
      try {
        units = Math.addExact(units, e.getValue()[0]);
      } catch (ArithmeticException overflow) {
        throw new InvalidInputException("Feature '" + feature + "': the total weight of its values exceeds "
            + (Long.MAX_VALUE / Weights.UNITS) + ", more than weighted quantiles can hold");
      }
      sketch.update(e.getKey(), e.getValue()[0]);
    }
    pending.clear();
  }

  void merge(WeightedNumericAccumulator other) {
    other.flush();
    flush();
    weights.add(other.weights);
    weightedSum.add(other.weightedSum);
    weightedSquares.add(other.weightedSquares);
    units = Math.addExact(units, other.units);
    sketch.merge(other.sketch);
  }

  /** The statistics; histograms span the values with a positive weight. */
  WeightedNumericStatistics toStatistics() {
    flush();
    if (sketch.isEmpty()) {
      return new WeightedNumericStatistics(null, null, null, List.of());
    }
    BigDecimal w = weights.exact();
    BigDecimal s = weightedSum.exact();
    BigDecimal mean = s.divide(w, MathContext.DECIMAL128);
    // (W * SS - S^2) / W^2: all three sums are exact, so only the final division rounds.
    BigDecimal numerator = weightedSquares.exact().multiply(w).subtract(s.multiply(s));
    BigDecimal variance = numerator.max(BigDecimal.ZERO).divide(w.multiply(w), MathContext.DECIMAL128);
    double scale = 1.0 / Weights.UNITS;
    double min = sketch.getMinItem();
    double max = sketch.getMaxItem();
    return new WeightedNumericStatistics(mean.doubleValue(), variance.sqrt(MathContext.DECIMAL128).doubleValue(),
        sketch.getQuantile(0.5),
        List.of(Quantiles.standardHistogram(sketch, min, max, 0, scale),
            Quantiles.quantilesHistogram(sketch, min, max, 0, scale)));
  }

  void encode(DataOutputStream out) throws IOException {
    flush();
    weights.encode(out);
    weightedSum.encode(out);
    weightedSquares.encode(out);
    out.writeLong(units);
    Codecs.writeBytes(out, sketch.toByteArray());
  }

  static WeightedNumericAccumulator decode(DataInputStream in, String feature) throws IOException {
    ExactSum weights = ExactSum.decode(in);
    ExactSum sum = ExactSum.decode(in);
    ExactSum squares = ExactSum.decode(in);
    long units = in.readLong();
    WeightedNumericAccumulator a = new WeightedNumericAccumulator(feature, weights, sum, squares,
        Quantiles.heapify(Codecs.readBytes(in)));
    a.units = units;
    return a;
  }

  /** Equal exact sums and sketch weight (the sketch's content is random); flushes the buffer. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WeightedNumericAccumulator a)) {
      return false;
    }
    flush();
    a.flush();
    return weights.equals(a.weights) && weightedSum.equals(a.weightedSum)
        && weightedSquares.equals(a.weightedSquares) && units == a.units;
  }

  @Override
  public int hashCode() {
    return weights.hashCode() * 31 + weightedSum.hashCode();
  }

  @Override
  public String toString() {
    return "Weighted{weight=" + weights + ", sum=" + weightedSum + ", units=" + (units + pending.size()) + "}";
  }
}
