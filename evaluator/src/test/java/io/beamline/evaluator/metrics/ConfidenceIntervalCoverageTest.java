package io.beamline.evaluator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Do the 95% intervals cover the true value about 95% of the time? Many small synthetic data sets drawn
 * from distributions whose metric is known in closed form, one interval each, and the share that
 * contains the truth. With 200 data sets the share has a standard error of about 1.5 points, so the
 * bounds below leave room for that and for the bootstrap's known small undercoverage at n = 400.
 */
class ConfidenceIntervalCoverageTest {
  private static final int DATA_SETS = 200;
  private static final int N = 400;

  /** Label = x + N(0, 1) noise, prediction = x: the true mean squared error is 1. */
  private static double mseCoverage(Resampling method, int replicates, long seed) {
    Random random = new Random(seed);
    MetricsSpec spec = new MetricsSpec(List.of(), 10, replicates).regression().withResampling(method);
    int covered = 0;
    float[] row = new float[1];
    for (int d = 0; d < DATA_SETS; d++) {
      SliceAccumulator a = SliceAccumulator.create(spec);
      a.seedReplicates(random.nextLong());
      for (int i = 0; i < N; i++) {
        double x = random.nextGaussian() * 3;
        row[0] = (float) x;
        a.add(x + random.nextGaussian(), row, 0, 1.0);
      }
      MetricsResult.ConfidenceInterval ci = a.result().confidenceIntervals().get(MetricNames.MEAN_SQUARED_ERROR);
      covered += ci.lower() <= 1.0 && 1.0 <= ci.upper() ? 1 : 0;
    }
    return (double) covered / DATA_SETS;
  }

  @Test
  void bootstrapIntervalsOfTheMseCoverNearTheNominalLevel() {
    double coverage = mseCoverage(Resampling.BOOTSTRAP, 100, 1);
    assertTrue(coverage >= 0.88 && coverage <= 0.99, "coverage " + coverage);
  }

  @Test
  void jackknifeIntervalsOfTheMseCoverNearTheNominalLevel() {
    double coverage = mseCoverage(Resampling.JACKKNIFE, 20, 2);
    assertTrue(coverage >= 0.88 && coverage <= 0.99, "coverage " + coverage);
  }

  /**
   * Scores of positives ~ N(1, 1), of negatives ~ N(0, 1), as probabilities through a sigmoid (which
   * keeps the order): the true AUC is Phi(1 / sqrt 2) = 0.76025.
   */
  @Test
  void bootstrapIntervalsOfTheAucCoverNearTheNominalLevel() {
    double trueAuc = 0.7602499389065233;
    Random random = new Random(3);
    MetricsSpec spec = new MetricsSpec(List.of(), 10, 50);
    int covered = 0;
    for (int d = 0; d < DATA_SETS / 2; d++) {
      List<LabeledPrediction> data = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        boolean positive = random.nextBoolean();
        double score = random.nextGaussian() + (positive ? 1 : 0);
        data.add(LabeledPrediction.of(positive ? 1 : 0, 1 / (1 + Math.exp(-score))));
      }
      MetricsAccumulator a = new MetricsAccumulator(spec, true).withBootstrapSeed(random.nextLong());
      data.forEach(p -> a.add(p.label(), p.prediction(), p.weight()));
      MetricsResult.ConfidenceInterval ci = a.result().confidenceIntervals().get(MetricNames.AUC);
      covered += ci.lower() <= trueAuc && trueAuc <= ci.upper() ? 1 : 0;
    }
    double coverage = covered / (DATA_SETS / 2.0);
    assertTrue(coverage >= 0.86 && coverage <= 1.0, "coverage " + coverage);
  }

  /** The jackknife's leave-one-group-out values reproduce its textbook standard error on a mean. */
  @Test
  void jackknifeStandardErrorOfAMeanMatchesTheFormula() {
    double[] groupMeans = {1, 2, 3, 4, 6};
    MetricsResult.ConfidenceInterval ci = Resampling.JACKKNIFE.interval(3.2, groupMeans);
    double mean = 3.2;
    double squares = 0;
    for (double v : groupMeans) {
      squares += (v - mean) * (v - mean);
    }
    double se = Math.sqrt(4.0 / 5 * squares);
    assertEquals(se, ci.standardError(), 1e-12);
    assertEquals(3.2 - 1.959963984540054 * se, ci.lower(), 1e-12);
  }
}
