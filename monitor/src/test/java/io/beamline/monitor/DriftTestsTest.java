package io.beamline.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.statistics.FeatureSketches;
import io.beamline.core.statistics.FeatureSketches.FeatureSketch;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

/** Drift from sketches against the exact two-sample computations on the raw values. */
class DriftTestsTest {
  private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();

  private static double[] normal(long seed, int n, double shift) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian() + shift;
    }
    return v;
  }

  /** A KLL sketch as StatisticsGen keeps it (k = 400). */
  private static FeatureSketch kll(String name, double[] values) {
    KllDoublesSketch s = KllDoublesSketch.newHeapInstance(400);
    for (double v : values) {
      s.update(v);
    }
    return new FeatureSketch(name, values.length, null, Base64.getEncoder().encodeToString(s.toByteArray()), null, null);
  }

  private static FeatureSketch exact(String name, double[] values) {
    Map<Double, Long> counts = new TreeMap<>();
    for (double v : values) {
      counts.merge(v, 1L, Long::sum);
    }
    return new FeatureSketch(name, values.length, counts, null, null, null);
  }

  private static FeatureDrift drift(FeatureSketch current, FeatureSketch baseline) {
    return DriftTests.compare(new FeatureSketches(0, List.of(current)), new FeatureSketches(0, List.of(baseline)),
        DriftSettings.defaults()).features().get(0);
  }

  /** W1 of two equal-size samples: the mean distance between their order statistics. */
  private static double exactWasserstein(double[] x, double[] y) {
    double[] a = x.clone();
    double[] b = y.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s / a.length;
  }

  private static double sd(double[] v) {
    double mean = Arrays.stream(v).average().orElseThrow();
    return Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length);
  }

  @Test
  void sketchKsAndWassersteinMatchTheRawDataWithinTheRankError() {
    double[] base = normal(1, 20_000, 0);
    double[] iid = normal(2, 20_000, 0);
    double[] shifted = normal(3, 20_000, 0.3);
    // two sketches, each within its CDF rank error (DataSketches' bound at k = 400, 99% confidence)
    double tolerance = 2 * KllDoublesSketch.getNormalizedRankError(400, true);

    FeatureDrift same = drift(kll("x", iid), kll("x", base));
    assertEquals("KOLMOGOROV_SMIRNOV", same.test());
    assertEquals(KS.kolmogorovSmirnovStatistic(iid, base), same.statistic(), tolerance);
    assertTrue(KS.kolmogorovSmirnovTest(iid, base) > 0.001, "the raw iid pair is not significant either");
    assertFalse(same.drifted(), same.reason());

    FeatureDrift moved = drift(kll("x", shifted), kll("x", base));
    double exactD = KS.kolmogorovSmirnovStatistic(shifted, base);
    assertEquals(exactD, moved.statistic(), tolerance);
    assertTrue(KS.kolmogorovSmirnovTest(shifted, base) < 1e-20 && moved.pValue() < 1e-20);
    assertTrue(moved.drifted(), moved.reason());
    assertTrue(moved.reason().contains("Kolmogorov-Smirnov test on the KLL sketches"), moved.reason());
    assertEquals(exactWasserstein(shifted, base) / sd(base), moved.wasserstein(), 0.02);
    assertEquals(0.3, moved.wasserstein(), 0.05);
  }

  @Test
  void exactCountsGiveExactlyTheRawTest() {
    double[] a = normal(4, 60, 0);
    double[] b = normal(5, 80, 0.9);
    FeatureDrift d = drift(exact("x", a), exact("x", b));
    assertEquals(KS.kolmogorovSmirnovStatistic(a, b), d.statistic(), 1e-12);
    assertEquals(KS.kolmogorovSmirnovTest(a, b), d.pValue(), 1e-12); // n * m < 10,000: the exact distribution
    assertEquals(60, d.n());
    assertEquals(80, d.m());
  }

  private static FeatureSketch strings(String name, long... counts) {
    Map<String, Long> m = new TreeMap<>();
    String[] labels = {"Cash", "Credit Card", "Mobile"};
    long n = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        m.put(labels[i], counts[i]);
      }
      n += counts[i];
    }
    return new FeatureSketch(name, n, null, null, m, null);
  }

  @Test
  void categoriesUseTheChiSquaredTestOfTheRawCounts() {
    ChiSquareTest chi = new ChiSquareTest();
    FeatureDrift moved = drift(strings("payment", 300, 300, 400), strings("payment", 500, 300, 200));
    assertEquals("CHI_SQUARED", moved.test());
    long[] cur = {300, 300, 400};
    long[] base = {500, 300, 200};
    assertEquals(chi.chiSquareDataSetsComparison(cur, base), moved.statistic(), 1e-9);
    assertEquals(chi.chiSquareTestDataSetsComparison(cur, base), moved.pValue(), 1e-12);
    assertEquals(Math.sqrt(moved.statistic() / 2000), moved.effectSize(), 1e-12);
    assertTrue(moved.drifted(), moved.reason());

    FeatureDrift same = drift(strings("payment", 490, 310, 200), strings("payment", 500, 300, 200));
    assertFalse(same.drifted(), same.reason());
    assertTrue(same.pValue() > 0.5);
  }

  @Test
  void aNewValueIsDriftAndPsiSeesIt() {
    FeatureDrift d = drift(strings("payment", 400, 300, 300), strings("payment", 600, 400, 0));
    assertTrue(d.drifted(), d.reason());
    assertTrue(d.psi() > 0.25, "PSI " + d.psi()); // a new value with 30% of the mass: far past the usual 0.25
  }

  @Test
  void hugeSamplesNeedAnEffectNotJustAPValue() {
    // 0.03 SD shift on 200,000 values a side: significant, but D is far below the 0.1 floor
    FeatureDrift d = drift(kll("x", normal(6, 200_000, 0.03)), kll("x", normal(7, 200_000, 0)));
    assertTrue(d.pValue() < 0.001, "p " + d.pValue());
    assertFalse(d.drifted());
    assertTrue(d.reason().contains("trivial shifts are significant"), d.reason());
  }

  @Test
  void smallSamplesAreNotJudgedAndFewNumericValuesAreCategories() {
    assertEquals("NONE", drift(exact("x", normal(8, 10, 0)), exact("x", normal(9, 100, 0))).test());
    double[] hours = new double[200];
    for (int i = 0; i < hours.length; i++) {
      hours[i] = i % 12;
    }
    FeatureDrift h = drift(exact("hour", hours), exact("hour", hours));
    assertEquals("CHI_SQUARED", h.test());
    assertTrue(h.reason().contains("Numeric with 12 distinct values") && h.reason().contains("counts of 12 values"), h.reason());
  }

  @Test
  void dataSetVerdictIsTheShareOfDriftedFeatures() {
    DatasetDrift d = DriftTests.compare(
        new FeatureSketches(1000, List.of(strings("payment", 300, 300, 400), kll("fare", normal(10, 1000, 0)))),
        new FeatureSketches(1000, List.of(strings("payment", 500, 300, 200), kll("fare", normal(11, 1000, 0)))),
        DriftSettings.defaults());
    assertEquals(List.of("payment"), d.driftedFeatures());
    assertEquals(0.5, d.driftedShare());
    assertTrue(d.drifted());
    assertFalse(DriftTests.compare(
        new FeatureSketches(1000, List.of(strings("payment", 300, 300, 400), kll("fare", normal(10, 1000, 0)))),
        new FeatureSketches(1000, List.of(strings("payment", 500, 300, 200), kll("fare", normal(11, 1000, 0)))),
        DriftSettings.defaults().withDatasetShare(0.75)).drifted());
  }
}
