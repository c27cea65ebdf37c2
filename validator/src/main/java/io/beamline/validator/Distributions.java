package io.beamline.validator;

import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.RankHistogram;
import io.beamline.core.statistics.StringStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The distance measures between two data sets' distributions of one feature, computed from their
 * statistics alone. Categorical features compare value counts (rank histogram, else top values);
 * numeric features compare the CDFs the QUANTILES histograms describe (values spread evenly inside
 * a bucket, a zero-width bucket a point mass), on the union of both histograms' edges.
 */
final class Distributions {
  private Distributions() {}

  /** Two data sets' counts over the same cells, plus, for numeric features, their CDFs on the grid. */
  record Aligned(double[] p, double[] q, double[] grid, double[] cdfP, double[] cdfQ, boolean numeric) {
    double totalP() {
      return sum(p);
    }

    double totalQ() {
      return sum(q);
    }
  }

  static Optional<Map<String, Double>> categorical(FeatureNameStatistics f) {
    StringStatistics s = f.stringStats();
    if (s == null) {
      return Optional.empty();
    }
    Map<String, Double> counts = new LinkedHashMap<>();
    for (RankHistogram.Bucket b : s.rankHistogram().buckets()) {
      counts.merge(b.label(), b.sampleCount(), Double::sum);
    }
    if (counts.isEmpty()) {
      s.topValues().forEach(v -> counts.merge(v.value(), v.frequency(), Double::sum));
    }
    return counts.isEmpty() ? Optional.empty() : Optional.of(counts);
  }

  static Optional<Histogram> quantiles(FeatureNameStatistics f) {
    if (f.numStats() == null) {
      return Optional.empty();
    }
    return f.numStats().histogram(Histogram.Type.QUANTILES).filter(h -> h.totalCount() > 0);
  }

  /** Aligns two features: categorical when both have value counts, else numeric, else empty. */
  static Optional<Aligned> align(FeatureNameStatistics current, FeatureNameStatistics baseline) {
    Optional<Map<String, Double>> cp = categorical(current);
    Optional<Map<String, Double>> cq = categorical(baseline);
    if (cp.isPresent() && cq.isPresent()) {
      TreeSet<String> labels = new TreeSet<>(cp.get().keySet());
      labels.addAll(cq.get().keySet());
      double[] p = new double[labels.size()];
      double[] q = new double[labels.size()];
      int i = 0;
      for (String label : labels) {
        p[i] = cp.get().getOrDefault(label, 0.0);
        q[i++] = cq.get().getOrDefault(label, 0.0);
      }
      return Optional.of(new Aligned(p, q, null, null, null, false));
    }
    Optional<Histogram> hp = quantiles(current);
    Optional<Histogram> hq = quantiles(baseline);
    if (hp.isEmpty() || hq.isEmpty()) {
      return Optional.empty();
    }
    TreeSet<Double> edges = new TreeSet<>();
    for (Histogram h : List.of(hp.get(), hq.get())) {
      for (Histogram.Bucket b : h.buckets()) {
        edges.add(b.lowValue());
        edges.add(b.highValue());
      }
    }
    double[] grid = edges.stream().mapToDouble(Double::doubleValue).toArray();
    double[] fp = cdf(hp.get(), grid);
    double[] fq = cdf(hq.get(), grid);
    double np = hp.get().totalCount();
    double nq = hq.get().totalCount();
    double[] p = new double[grid.length];
    double[] q = new double[grid.length];
    for (int i = 0; i < grid.length; i++) {
      p[i] = (fp[i] - (i == 0 ? 0 : fp[i - 1])) * np;
      q[i] = (fq[i] - (i == 0 ? 0 : fq[i - 1])) * nq;
    }
    return Optional.of(new Aligned(p, q, grid, fp, fq, true));
  }

  /** The fraction of values {@code <= x} for each grid point. */
  static double[] cdf(Histogram h, double[] grid) {
    double total = h.totalCount();
    double[] out = new double[grid.length];
    for (int i = 0; i < grid.length; i++) {
      double x = grid[i];
      double acc = 0;
      for (Histogram.Bucket b : h.buckets()) {
        if (x >= b.highValue()) {
          acc += b.sampleCount();
        } else if (x > b.lowValue()) {
          acc += b.sampleCount() * (x - b.lowValue()) / (b.highValue() - b.lowValue());
        }
      }
      out[i] = Math.min(1, acc / total);
    }
    return out;
  }

  /** Largest difference between the two proportions of any cell (TFDV's L-infinity distance). */
  static double lInfinity(Aligned a) {
    double np = a.totalP();
    double nq = a.totalQ();
    double max = 0;
    for (int i = 0; i < a.p().length; i++) {
      max = Math.max(max, Math.abs(a.p()[i] / np - a.q()[i] / nq));
    }
    return max;
  }

  /** Jensen-Shannon divergence of the proportions, log base 2, so in [0, 1]. */
  static double jensenShannon(Aligned a) {
    double np = a.totalP();
    double nq = a.totalQ();
    double js = 0;
    for (int i = 0; i < a.p().length; i++) {
      double p = a.p()[i] / np;
      double q = a.q()[i] / nq;
      double m = (p + q) / 2;
      if (p > 0) {
        js += 0.5 * p * log2(p / m);
      }
      if (q > 0) {
        js += 0.5 * q * log2(q / m);
      }
    }
    return Math.max(0, js);
  }

  /** Sum of absolute count differences over the total count of both (sees volume changes too). */
  static double normalizedAbsDifference(Aligned a) {
    double diff = 0;
    for (int i = 0; i < a.p().length; i++) {
      diff += Math.abs(a.p()[i] - a.q()[i]);
    }
    double total = a.totalP() + a.totalQ();
    return total == 0 ? 0 : diff / total;
  }

  /** Kolmogorov-Smirnov statistic: the largest CDF difference (exact on the grid for these CDFs). */
  static double kolmogorovSmirnov(Aligned a) {
    double max = 0;
    for (int i = 0; i < a.grid().length; i++) {
      max = Math.max(max, Math.abs(a.cdfP()[i] - a.cdfQ()[i]));
    }
    return max;
  }

  /**
   * Wasserstein-1 distance (area between the CDFs), divided by {@code scale} (the baseline's standard
   * deviation) so it reads in standard deviations.
   */
  static double normalizedWasserstein(Aligned a, double scale) {
    double area = 0;
    double[] g = a.grid();
    for (int i = 1; i < g.length; i++) {
      double d0 = a.cdfP()[i - 1] - a.cdfQ()[i - 1];
      double d1 = a.cdfP()[i] - a.cdfQ()[i];
      double width = g[i] - g[i - 1];
      // The difference is linear inside a cell; when it changes sign the area is two triangles.
      if (d0 * d1 >= 0) {
        area += width * (Math.abs(d0) + Math.abs(d1)) / 2;
      } else {
        area += width * (d0 * d0 + d1 * d1) / (2 * (Math.abs(d0) + Math.abs(d1)));
      }
    }
    return scale > 0 ? area / scale : area;
  }

  /**
   * Population stability index over the baseline's quantile buckets: sum of
   * {@code (p - q) ln(p / q)}, each share floored at 1e-4 so an empty bucket does not give infinity.
   */
  static double populationStability(Histogram current, Histogram baseline) {
    List<Double> edges = new ArrayList<>();
    for (Histogram.Bucket b : baseline.buckets()) {
      if (edges.isEmpty() || b.lowValue() > edges.get(edges.size() - 1)) {
        edges.add(b.lowValue());
      }
      if (b.highValue() > edges.get(edges.size() - 1)) {
        edges.add(b.highValue());
      }
    }
    double[] grid = edges.stream().mapToDouble(Double::doubleValue).toArray();
    double[] fp = cdf(current, grid);
    double[] fq = cdf(baseline, grid);
    double psi = 0;
    // Cells: everything up to the first edge, the baseline's buckets, everything above the last edge.
    for (int i = 0; i <= grid.length; i++) {
      double p = (i == grid.length ? 1 : fp[i]) - (i == 0 ? 0 : fp[i - 1]);
      double q = (i == grid.length ? 1 : fq[i]) - (i == 0 ? 0 : fq[i - 1]);
      p = Math.max(p, 1e-4);
      q = Math.max(q, 1e-4);
      psi += (p - q) * Math.log(p / q);
    }
    return psi;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
