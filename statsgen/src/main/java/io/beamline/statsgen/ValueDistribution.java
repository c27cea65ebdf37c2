package io.beamline.statsgen;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * What a numeric feature's median and histograms are read from: a KLL sketch (approximate, within
 * its rank error) or the exact counts of few distinct values ({@link DistinctNumbers}). Both answer
 * with the same (inclusive) conventions.
 */
interface ValueDistribution {
  boolean isEmpty();

  /** The number of values (the total weight for a weighted sketch). */
  double n();

  /** The smallest value whose share of values at or below it is at least {@code rank}. */
  double quantile(double rank);

  /** For each split point, the share of values at or below it; then a last 1.0. */
  double[] cdf(double[] splitPoints);

  static ValueDistribution of(KllDoublesSketch sketch) {
    return new Sketched(sketch);
  }

  /** A KLL sketch's answers. */
  record Sketched(KllDoublesSketch sketch) implements ValueDistribution {
    @Override
    public boolean isEmpty() {
      return sketch.isEmpty();
    }

    @Override
    public double n() {
      return sketch.getN();
    }

    @Override
    public double quantile(double rank) {
      return sketch.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
    }

    @Override
    public double[] cdf(double[] splitPoints) {
      return sketch.getCDF(splitPoints, QuantileSearchCriteria.INCLUSIVE);
    }
  }

  /** Exact answers from sorted distinct values and their cumulative counts. */
  record Exact(double[] values, long[] cumulative) implements ValueDistribution {
    @Override
    public boolean isEmpty() {
      return values.length == 0;
    }

    @Override
    public double n() {
      return cumulative[cumulative.length - 1];
    }

    @Override
    public double quantile(double rank) {
      long total = cumulative[cumulative.length - 1];
      long needed = Math.max(1, (long) Math.ceil(rank * total));
      int i = Arrays.binarySearch(cumulative, needed);
      return values[i >= 0 ? i : Math.min(values.length - 1, -i - 1)];
    }

    @Override
    public double[] cdf(double[] splitPoints) {
      double total = cumulative[cumulative.length - 1];
      double[] shares = new double[splitPoints.length + 1];
      for (int s = 0; s < splitPoints.length; s++) {
        int i = upperBound(splitPoints[s]);
        shares[s] = i == 0 ? 0 : cumulative[i - 1] / total;
      }
      shares[splitPoints.length] = 1.0;
      return shares;
    }

    /** The number of distinct values at or below {@code x}. */
    private int upperBound(double x) {
      int lo = 0;
      int hi = values.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (values[mid] <= x) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
