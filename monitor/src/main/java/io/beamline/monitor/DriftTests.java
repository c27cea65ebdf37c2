package io.beamline.monitor;

import static io.beamline.monitor.Detectors.fmt;

import io.beamline.core.statistics.FeatureSketches;
import io.beamline.core.statistics.FeatureSketches.FeatureSketch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import io.beamline.core.monitoring.SpanDistance;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Drift between two spans from the sketches StatisticsGen keeps ({@link FeatureSketches}), at the
 * sketches' accuracy: exact for features with few distinct values (exact counts), within the KLL
 * rank error (about 1% at k = 400) for the others, instead of the ten buckets of a histogram.
 *
 * <pre>{@code
 * DatasetDrift d = DriftTests.compare(FeatureSketches.readSplit(today, "train"),
 *     FeatureSketches.readSplit(yesterday, "train"), DriftSettings.defaults());
 * }</pre>
 *
 * <p>Automatic mode, per feature present in both spans: fewer than {@code minValues} values on a
 * side, not judged; a string feature, or a numeric one with few distinct values on both sides,
 * chi-squared test of homogeneity on the counts (effect: Cramer's V); any other numeric feature,
 * two-sample Kolmogorov-Smirnov test (effect: D). The p-value uses both sample sizes (commons-math:
 * exact distribution when n * m < 10,000, else the asymptotic one). Drifted when p < alpha and the
 * effect reaches the floor. Every feature also gets the normalized Wasserstein distance (numeric),
 * PSI and Jensen-Shannon divergence, reported beside the test.
 */
public final class DriftTests {
  static final double PSI_FLOOR = 1e-4;
  private static final long EXACT_P_MAX_PRODUCT = 10_000;

  private DriftTests() {}

  /** Compares every feature the two spans share. */
  public static DatasetDrift compare(FeatureSketches current, FeatureSketches baseline, DriftSettings settings) {
    return compare(current, baseline, settings, java.util.Set.of());
  }

  /** Compares every feature the two spans share but the {@code ignored} ones. */
  public static DatasetDrift compare(FeatureSketches current, FeatureSketches baseline, DriftSettings settings,
      java.util.Set<String> ignored) {
    List<FeatureDrift> out = new ArrayList<>();
    for (FeatureSketch c : current.features()) {
      if (ignored.contains(c.name())) {
        continue;
      }
      Optional<FeatureSketch> b = baseline.feature(c.name());
      if (b.isPresent()) {
        out.add(feature(Distribution.of(c, "the current span"), Distribution.of(b.get(), "the baseline span"),
            c.name(), settings));
      }
    }
    long judged = out.stream().filter(f -> !f.test().equals("NONE")).count();
    long drifted = out.stream().filter(FeatureDrift::drifted).count();
    double share = judged == 0 ? 0 : (double) drifted / judged;
    return new DatasetDrift(out, share, settings.datasetShare(), judged > 0 && share >= settings.datasetShare());
  }

  /**
   * The drift distance of {@code FEATURE:drift} series: the effect size of the automatic test
   * between the two spans' sketches (KS D, or Cramer's V for categories), 0 = same distribution.
   */
  public static SpanDistance spanDistance(DriftSettings settings) {
    return (currentUri, baselineUri, split, feature) -> {
      Optional<FeatureSketch> c = FeatureSketches.readSplit(currentUri, split).feature(feature);
      Optional<FeatureSketch> b = FeatureSketches.readSplit(baselineUri, split).feature(feature);
      if (c.isEmpty() || b.isEmpty()) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(feature(Distribution.of(c.get(), currentUri), Distribution.of(b.get(), baselineUri),
          feature, settings).effectSize());
    };
  }

  static FeatureDrift feature(Distribution cur, Distribution base, String name, DriftSettings s) {
    long n = cur.n();
    long m = base.n();
    boolean numeric = cur.numeric() && base.numeric();
    Double wasserstein = numeric ? wasserstein(cur, base) : null;
    double[][] cells = numeric ? decileShares(cur, base) : categoryShares(countsOf(cur), countsOf(base));
    double psi = psi(cells[0], cells[1]);
    double js = jensenShannon(cells[0], cells[1]);
    if (n < s.minValues() || m < s.minValues()) {
      return new FeatureDrift(name, "NONE", 0, 1, 0, n, m, wasserstein, psi, js, false,
          "Not judged: " + n + " and " + m + " values, fewer than " + s.minValues() + " on a side.");
    }
    if (!numeric || (cur.exact() && base.exact() && union(cur, base) <= s.maxNumericCategories())) {
      String why = numeric ? "numeric with " + union(cur, base) + " distinct values (at most "
          + s.maxNumericCategories() + ", where ties make KS conservative)" : "categorical";
      return chiSquared(name, countsOf(cur), countsOf(base), n, m, wasserstein, psi, js, why, s);
    }
    double d = ks(cur, base);
    double p = ksPValue(d, n, m);
    String why = "numeric with many distinct values: CDFs compared by a two-sample Kolmogorov-Smirnov test"
        + (cur.exact() && base.exact() ? "" : " on the KLL sketches");
    return verdict(name, "KOLMOGOROV_SMIRNOV", d, p, d, "D", n, m, wasserstein, psi, js, why, s);
  }

  private static FeatureDrift chiSquared(String name, Map<String, Long> cur, Map<String, Long> base, long n, long m,
      Double wasserstein, double psi, double js, String why, DriftSettings s) {
    TreeSet<String> labels = new TreeSet<>(cur.keySet());
    labels.addAll(base.keySet());
    if (labels.size() < 2) {
      return verdict(name, "CHI_SQUARED", 0, 1, 0, "Cramer's V", n, m, wasserstein, psi, js,
          why + " (one value on both sides)", s);
    }
    long[] a = new long[labels.size()];
    long[] b = new long[labels.size()];
    int i = 0;
    for (String label : labels) {
      a[i] = cur.getOrDefault(label, 0L);
      b[i++] = base.getOrDefault(label, 0L);
    }
    ChiSquareTest test = new ChiSquareTest();
    double chi2 = test.chiSquareDataSetsComparison(a, b);
    double p = test.chiSquareTestDataSetsComparison(a, b);
    double total = sum(a) + sum(b);
    double v = Math.sqrt(chi2 / total); // Cramer's V of a 2 x k table: min(2, k) - 1 = 1
    return verdict(name, "CHI_SQUARED", chi2, p, v, "Cramer's V", n, m, wasserstein, psi, js,
        why + ": counts of " + labels.size() + " values compared by a chi-squared test", s);
  }

  private static FeatureDrift verdict(String name, String test, double statistic, double p, double effect,
      String effectName, long n, long m, Double wasserstein, double psi, double js, String why, DriftSettings s) {
    boolean significant = p < s.alpha();
    boolean large = effect >= s.effectFloor();
    String verdict;
    if (significant && large) {
      verdict = "drifted: p = " + fmt(p) + " < " + fmt(s.alpha()) + " and " + effectName + " = " + fmt(effect)
          + " >= " + fmt(s.effectFloor());
    } else if (significant) {
      verdict = "not drifted: p = " + fmt(p) + " is significant, but " + effectName + " = " + fmt(effect)
          + " is below " + fmt(s.effectFloor()) + " (with " + n + " and " + m + " values, trivial shifts are significant)";
    } else {
      verdict = "not drifted: p = " + fmt(p) + " >= " + fmt(s.alpha());
    }
    return new FeatureDrift(name, test, statistic, p, effect, n, m, wasserstein, psi, js, significant && large,
        capitalize(why) + "; " + verdict + ".");
  }

  /** The largest difference of the two step CDFs, over every point of either. */
  static double ks(Distribution a, Distribution b) {
    double d = 0;
    for (double[] points : List.of(a.points(), b.points())) {
      for (double x : points) {
        d = Math.max(d, Math.abs(a.cdf(x) - b.cdf(x)));
      }
    }
    return d;
  }

  static double ksPValue(double d, long n, long m) {
    KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
    if (n * m < EXACT_P_MAX_PRODUCT) {
      return test.exactP(d, (int) n, (int) m, true);
    }
    return test.approximateP(d, (int) Math.min(n, Integer.MAX_VALUE), (int) Math.min(m, Integer.MAX_VALUE));
  }

  /**
   * Area between the two step CDFs (exact between consecutive points of either), over the
   * baseline's standard deviation, so a shift of k standard deviations reads about k.
   */
  static double wasserstein(Distribution a, Distribution b) {
    TreeSet<Double> all = new TreeSet<>();
    for (double x : a.points()) {
      all.add(x);
    }
    for (double x : b.points()) {
      all.add(x);
    }
    double area = 0;
    Double previous = null;
    for (double x : all) {
      if (previous != null) {
        area += Math.abs(a.cdf(previous) - b.cdf(previous)) * (x - previous);
      }
      previous = x;
    }
    double sd = b.meanAndSd()[1];
    return sd > 0 ? area / sd : area;
  }

  /** Shares of both in the baseline's decile cells (below the first decile ... above the last). */
  static double[][] decileShares(Distribution cur, Distribution base) {
    TreeSet<Double> edges = new TreeSet<>();
    for (int i = 1; i < 10; i++) {
      edges.add(base.quantile(i / 10.0));
    }
    double[] p = new double[edges.size() + 1];
    double[] q = new double[edges.size() + 1];
    double fp = 0;
    double fq = 0;
    int i = 0;
    for (double e : edges) {
      p[i] = cur.cdf(e) - fp;
      q[i] = base.cdf(e) - fq;
      fp = cur.cdf(e);
      fq = base.cdf(e);
      i++;
    }
    p[i] = 1 - fp;
    q[i] = 1 - fq;
    return new double[][] {p, q};
  }

  static double[][] categoryShares(Map<String, Long> cur, Map<String, Long> base) {
    TreeSet<String> labels = new TreeSet<>(cur.keySet());
    labels.addAll(base.keySet());
    double np = cur.values().stream().mapToLong(Long::longValue).sum();
    double nq = base.values().stream().mapToLong(Long::longValue).sum();
    double[] p = new double[labels.size()];
    double[] q = new double[labels.size()];
    int i = 0;
    for (String label : labels) {
      p[i] = np == 0 ? 0 : cur.getOrDefault(label, 0L) / np;
      q[i++] = nq == 0 ? 0 : base.getOrDefault(label, 0L) / nq;
    }
    return new double[][] {p, q};
  }

  /** Sum of (p - q) ln(p / q), shares floored at 1e-4 so an empty cell does not give infinity. */
  static double psi(double[] p, double[] q) {
    double psi = 0;
    for (int i = 0; i < p.length; i++) {
      double a = Math.max(p[i], PSI_FLOOR);
      double b = Math.max(q[i], PSI_FLOOR);
      psi += (a - b) * Math.log(a / b);
    }
    return psi;
  }

  /** Jensen-Shannon divergence in bits (0..1). */
  static double jensenShannon(double[] p, double[] q) {
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double mid = (p[i] + q[i]) / 2;
      if (p[i] > 0) {
        js += 0.5 * p[i] * Math.log(p[i] / mid) / Math.log(2);
      }
      if (q[i] > 0) {
        js += 0.5 * q[i] * Math.log(q[i] / mid) / Math.log(2);
      }
    }
    return Math.max(0, js);
  }

  private static Map<String, Long> countsOf(Distribution d) {
    return d.numeric() ? d.countsOfPoints() : d.counts();
  }

  private static int union(Distribution a, Distribution b) {
    TreeSet<Double> all = new TreeSet<>();
    for (double x : a.points()) {
      all.add(x);
    }
    for (double x : b.points()) {
      all.add(x);
    }
    return all.size();
  }

  private static double sum(long[] v) {
    double s = 0;
    for (long x : v) {
      s += x;
    }
    return s;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
