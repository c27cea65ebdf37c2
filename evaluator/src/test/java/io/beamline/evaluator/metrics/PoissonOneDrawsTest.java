package io.beamline.evaluator.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonOneDrawsTest {
  /** Each value's share of 4 million draws within 5 standard errors of e^-1 / k!. */
  @Test
  void drawsFollowPoissonOne() {
    int n = 4_000_000;
    long[] counts = new long[12];
    double[] times = new double[20];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < n / times.length; i++) {
      PoissonOneDraws.fill(random, times);
      for (double t : times) {
        assertEquals(Math.rint(t), t);
        counts[(int) t]++;
      }
    }
    double p = Math.exp(-1);
    double mean = 0;
    for (int k = 0; k < counts.length; k++) {
      double expected = n * p;
      double se = Math.sqrt(n * p * (1 - p));
      assertTrue(Math.abs(counts[k] - expected) <= 5 * se + 1,
          "k=" + k + ": " + counts[k] + " draws, expected " + expected + " +- " + se);
      mean += (double) k * counts[k] / n;
      p /= k + 1;
    }
    assertEquals(1.0, mean, 5 / Math.sqrt(n));
    // 7 and 8 (probabilities 7e-5 and 9e-6, under one 1/4096 cell) come only from cells that
    // straddle a CDF step and are refined with more bits: about 290 and 36 of them expected.
    assertTrue(counts[7] > 0 && counts[8] > 0, java.util.Arrays.toString(counts));
  }

  @Test
  void sameSeedSameDraws() {
    double[] a = new double[20];
    double[] b = new double[20];
    SplittableRandom ra = new SplittableRandom(7);
    SplittableRandom rb = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      PoissonOneDraws.fill(ra, a);
      PoissonOneDraws.fill(rb, b);
      assertArrayEquals(a, b);
    }
  }
}
