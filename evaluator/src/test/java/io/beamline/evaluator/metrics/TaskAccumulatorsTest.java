package io.beamline.evaluator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The multiclass and regression accumulators merge like the binary one: data split into parts,
 * each part encoded (as BundleMetrics ships it) and added into one accumulator, gives the metrics of
 * one pass over the data; bootstrap replicates too when the parts draw in order from one stream.
 */
class TaskAccumulatorsTest {
  private static final int N = 3000;

  private static float[] rows(MetricsSpec spec, Random random, double[] labels) {
    int k = spec.task() == Task.MULTICLASS ? spec.classNames().size() : 1;
    float[] rows = new float[N * k];
    for (int i = 0; i < N; i++) {
      if (k == 1) {
        rows[i] = (float) random.nextGaussian();
        labels[i] = rows[i] + random.nextGaussian() * 0.5;
      } else {
        double sum = 0;
        for (int c = 0; c < k; c++) {
          rows[i * k + c] = (float) random.nextDouble();
          sum += rows[i * k + c];
        }
        for (int c = 0; c < k; c++) {
          rows[i * k + c] = (float) (rows[i * k + c] / sum);
        }
        labels[i] = random.nextInt(k);
      }
    }
    return rows;
  }

  /** One pass vs. parts encoded and merged; point values equal to rounding, counts exactly. */
  private static void partsMergeToOnePass(MetricsSpec spec) throws Exception {
    Random random = new Random(11);
    double[] labels = new double[N];
    float[] rows = rows(spec, random, labels);
    int k = rows.length / N;
    SliceAccumulator whole = SliceAccumulator.create(spec);
    for (int i = 0; i < N; i++) {
      whole.add(labels[i], rows, i * k, 1 + (i % 3));
    }
    SliceAccumulator merged = SliceAccumulator.create(spec);
    int[] cuts = {0, 1, 700, 1900, N};
    for (int p = 0; p + 1 < cuts.length; p++) {
      SliceAccumulator part = SliceAccumulator.create(spec);
      for (int i = cuts[p]; i < cuts[p + 1]; i++) {
        part.add(labels[i], rows, i * k, 1 + (i % 3));
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      part.write(new DataOutputStream(bytes));
      merged.addEncoded(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
    MetricsResult a = whole.result();
    MetricsResult b = merged.result();
    assertEquals(a.values().keySet(), b.values().keySet());
    a.values().forEach((metric, v) -> assertEquals(v, b.values().get(metric), 1e-9 * Math.max(1, Math.abs(v)), metric));
    assertEquals(N, b.exampleCount());
    assertEquals(a.classConfusion(), b.classConfusion());
    assertEquals(a.residualHistogram(), b.residualHistogram());
    assertEquals(a.calibrationPlot().size(), b.calibrationPlot().size());
    for (int i = 0; i < a.calibrationPlot().size(); i++) {
      MetricsResult.CalibrationBucket x = a.calibrationPlot().get(i);
      MetricsResult.CalibrationBucket y = b.calibrationPlot().get(i);
      assertEquals(x.weight(), y.weight(), 1e-9);
      assertEquals(x.meanPrediction(), y.meanPrediction(), 1e-9 * Math.max(1, Math.abs(x.meanPrediction())));
      assertEquals(x.meanLabel(), y.meanLabel(), 1e-9 * Math.max(1, Math.abs(x.meanLabel())));
    }
  }

  /**
   * Multiclass replicates keep their sums side by side per slot (for speed) and are made into
   * accumulators of their own when read: reading them midway, encoding and decoding, change no interval.
   */
  @Test
  void multiclassReplicatesReadMidwayOrEncodedGiveTheSameIntervals() throws Exception {
    MetricsSpec spec = MetricsSpec.defaults().multiclass(List.of("a", "b", "c")).withBootstrapSamples(20);
    double[] labels = new double[N];
    float[] rows = rows(spec, new Random(5), labels);
    SliceAccumulator once = SliceAccumulator.create(spec);
    SliceAccumulator midway = SliceAccumulator.create(spec);
    for (int i = 0; i < N; i++) {
      once.add(labels[i], rows, i * 3, 1 + (i % 2));
      midway.add(labels[i], rows, i * 3, 1 + (i % 2));
      if (i == N / 3 || i == N / 2) {
        assertTrue(midway.result().confidenceIntervals().containsKey("macro_auc"));
      }
    }
    MetricsResult expected = once.result();
    assertEquals(expected.confidenceIntervals(), midway.result().confidenceIntervals());
    assertTrue(expected.confidenceIntervals().get("macro_auc").standardError() > 0);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SliceAccumulator fresh = SliceAccumulator.create(spec);
    for (int i = 0; i < N; i++) {
      fresh.add(labels[i], rows, i * 3, 1 + (i % 2));
    }
    fresh.write(new DataOutputStream(bytes));
    SliceAccumulator decoded = SliceAccumulator.create(spec);
    decoded.addEncoded(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(expected.confidenceIntervals(), decoded.result().confidenceIntervals());
    assertEquals(fresh, decoded);
  }

  @Test
  void multiclassPartsMergeToOnePass() throws Exception {
    partsMergeToOnePass(MetricsSpec.defaults().multiclass(List.of("a", "b", "c", "d")));
  }

  @Test
  void regressionPartsMergeToOnePass() throws Exception {
    partsMergeToOnePass(MetricsSpec.defaults().regression());
  }

  @Test
  void intervalsComeWithEveryMetricOfEveryTask() {
    for (MetricsSpec spec : List.of(MetricsSpec.defaults().multiclass(List.of("a", "b", "c")).withBootstrapSamples(20),
        MetricsSpec.defaults().regression().withBootstrapSamples(20).withResampling(Resampling.JACKKNIFE),
        MetricsSpec.defaults().withBootstrapSamples(20))) {
      Random random = new Random(2);
      double[] labels = new double[N];
      float[] rows = spec.task() == Task.BINARY ? null : rows(spec, random, labels);
      MetricsAccumulation m = MetricsAccumulation.of(spec);
      float[] one = new float[1];
      for (int i = 0; i < N; i++) {
        if (rows == null) {
          one[0] = (float) random.nextDouble();
          m.add(random.nextDouble() < one[0] ? 1 : 0, one, 0, 1.0);
        } else {
          m.add(labels[i], rows, i * (rows.length / N), 1.0);
        }
      }
      MetricsResult r = m.result();
      for (Map.Entry<String, Double> metric : r.values().entrySet()) {
        MetricsResult.ConfidenceInterval ci = r.confidenceIntervals().get(metric.getKey());
        assertNotNull(ci, spec.task() + " " + metric.getKey());
        if (!metric.getKey().contains("count")) {
          assertTrue(ci.lower() <= ci.upper() && ci.standardError() >= 0, metric.getKey() + " " + ci);
        }
      }
    }
  }
}
