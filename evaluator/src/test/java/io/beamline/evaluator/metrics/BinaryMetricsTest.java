package io.beamline.evaluator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
  private static final double TOLERANCE = 1e-3;

  /** Labels drawn as Bernoulli(sigmoid(score)), predictions a noisy version: AUC around 0.8. */
  static List<LabeledPrediction> synthetic(int n, long seed) {
    Random random = new Random(seed);
    List<LabeledPrediction> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double score = random.nextGaussian() * 1.5;
      double truth = 1 / (1 + Math.exp(-score));
      double label = random.nextDouble() < truth ? 1 : 0;
      double prediction = 1 / (1 + Math.exp(-(score + random.nextGaussian() * 0.5)));
      out.add(LabeledPrediction.of(label, prediction));
    }
    return out;
  }

  @Test
  void metricsEqualTheExactReference() {
    List<LabeledPrediction> data = synthetic(5000, 7);
    MetricsResult r = BinaryMetrics.compute(data, MetricsSpec.defaults());

    assertEquals(5000.0, r.values().get(MetricNames.EXAMPLE_COUNT));
    assertEquals(5000.0, r.values().get(MetricNames.WEIGHTED_EXAMPLE_COUNT), 1e-9);
    assertEquals(Reference.aucByRanks(data), r.values().get(MetricNames.AUC), TOLERANCE);
    assertEquals(Reference.averagePrecision(data), r.values().get(MetricNames.AUC_PR), TOLERANCE);
    assertEquals(Reference.logLoss(data), r.values().get(MetricNames.BINARY_CROSSENTROPY), 1e-9);
    double[] c = Reference.confusion(data, 0.5);
    assertEquals(c[0] / (c[0] + c[1]), r.values().get(MetricNames.PRECISION), 1e-9);
    assertEquals(c[0] / (c[0] + c[3]), r.values().get(MetricNames.RECALL), 1e-9);
    assertEquals((c[0] + c[2]) / data.size(), r.values().get(MetricNames.ACCURACY), 1e-9);
    double meanLabel = data.stream().mapToDouble(LabeledPrediction::label).average().orElseThrow();
    double meanPrediction = data.stream().mapToDouble(LabeledPrediction::prediction).average().orElseThrow();
    assertEquals(meanLabel, r.values().get(MetricNames.MEAN_LABEL), 1e-9);
    assertEquals(meanPrediction, r.values().get(MetricNames.MEAN_PREDICTION), 1e-9);
    assertEquals(meanPrediction / meanLabel, r.values().get(MetricNames.CALIBRATION), 1e-9);
    assertTrue(r.values().get(MetricNames.AUC) > 0.75, "the synthetic data is informative");
  }

  @Test
  void confusionMatricesAtConfiguredThresholds() {
    List<LabeledPrediction> data = synthetic(2000, 11);
    MetricsResult r = BinaryMetrics.compute(data, MetricsSpec.defaults().withThresholds(List.of(0.3, 0.7)));
    assertEquals(List.of(0.3, 0.5, 0.7), r.confusionMatrices().stream().map(MetricsResult.ConfusionMatrix::threshold).toList());
    for (double t : List.of(0.3, 0.5, 0.7)) {
      double[] c = Reference.confusion(data, t);
      MetricsResult.ConfusionMatrix m = r.confusionAt(t);
      assertEquals(c[0], m.tp(), 1e-9);
      assertEquals(c[1], m.fp(), 1e-9);
      assertEquals(c[2], m.tn(), 1e-9);
      assertEquals(c[3], m.fn(), 1e-9);
      assertEquals(c[1] / (c[1] + c[2]), m.fpr(), 1e-12);
      double p = c[0] / (c[0] + c[1]);
      double rec = c[0] / (c[0] + c[3]);
      assertEquals(2 * p * rec / (p + rec), m.f1(), 1e-12);
    }
  }

  @Test
  void weightedMetricsOnAHandMadeSet() {
    List<LabeledPrediction> data = List.of(
        new LabeledPrediction(1, 0.9, 2),
        new LabeledPrediction(0, 0.8, 1),
        new LabeledPrediction(1, 0.3, 1),
        new LabeledPrediction(0, 0.1, 3));
    MetricsResult r = BinaryMetrics.compute(data, MetricsSpec.defaults());
    assertEquals(4.0, r.values().get(MetricNames.EXAMPLE_COUNT));
    assertEquals(7.0, r.values().get(MetricNames.WEIGHTED_EXAMPLE_COUNT), 1e-12);
    assertEquals(3.0 / 7, r.values().get(MetricNames.MEAN_LABEL), 1e-12);
    assertEquals((1.8 + 0.8 + 0.3 + 0.3) / 7, r.values().get(MetricNames.MEAN_PREDICTION), 1e-12);
    assertEquals(5.0 / 7, r.values().get(MetricNames.ACCURACY), 1e-12);
    assertEquals(2.0 / 3, r.values().get(MetricNames.PRECISION), 1e-12);
    assertEquals(2.0 / 3, r.values().get(MetricNames.RECALL), 1e-12);
    // Weighted pairs: positive 0.9 (w 2) outranks both negatives (w 4) = 8, 0.3 (w 1) outranks 0.1 (w 3) = 3.
    assertEquals(11.0 / 12, r.values().get(MetricNames.AUC), 1e-12);
    double logLoss = -(2 * Math.log(0.9) + Math.log(0.2) + Math.log(0.3) + 3 * Math.log(0.9)) / 7;
    assertEquals(logLoss, r.values().get(MetricNames.BINARY_CROSSENTROPY), 1e-12);
    // Average precision: recall 2/3 at precision 1 (0.9), then 1/3 at precision 3/4 (0.3).
    assertEquals(2.0 / 3 + 1.0 / 3 * 3 / 4, r.values().get(MetricNames.AUC_PR), 1e-12);
  }

  @Test
  void calibrationPlotBucketsHoldTheirExamples() {
    List<LabeledPrediction> data = List.of(LabeledPrediction.of(1, 0.05), LabeledPrediction.of(0, 0.15),
        LabeledPrediction.of(1, 0.95), LabeledPrediction.of(1, 0.99), LabeledPrediction.of(0, 1.0));
    MetricsResult r = BinaryMetrics.compute(data, MetricsSpec.defaults());
    assertEquals(3, r.calibrationPlot().size());
    MetricsResult.CalibrationBucket top = r.calibrationPlot().get(2);
    assertEquals(0.9, top.lower(), 1e-12);
    assertEquals(3.0, top.weight());
    assertEquals((0.95 + 0.99 + 1.0) / 3, top.meanPrediction(), 1e-12);
    assertEquals(2.0 / 3, top.meanLabel(), 1e-12);
  }

  @Test
  void undefinedMetricsAreAbsentNotNaN() {
    MetricsResult onlyNegatives = BinaryMetrics.compute(
        List.of(LabeledPrediction.of(0, 0.2), LabeledPrediction.of(0, 0.4)), MetricsSpec.defaults());
    assertFalse(onlyNegatives.value(MetricNames.AUC).isPresent());
    assertFalse(onlyNegatives.value(MetricNames.PRECISION).isPresent());
    assertFalse(onlyNegatives.value(MetricNames.CALIBRATION).isPresent());
    assertEquals(1.0, onlyNegatives.values().get(MetricNames.ACCURACY));

    MetricsResult empty = BinaryMetrics.compute(List.of(), MetricsSpec.defaults());
    assertEquals(0L, empty.exampleCount());
    assertEquals(List.of(MetricNames.EXAMPLE_COUNT, MetricNames.WEIGHTED_EXAMPLE_COUNT),
        List.copyOf(empty.values().keySet()));
  }

  @Test
  void mergingShuffledAndResplitInputsGivesTheSameMetrics() {
    List<LabeledPrediction> data = new ArrayList<>(synthetic(3000, 3));
    Combine.CombineFn<LabeledPrediction, MetricsAccumulator, MetricsResult> fn =
        BinaryMetrics.combineFn(MetricsSpec.defaults().withThresholds(List.of(0.2)));
    MetricsResult whole = BinaryMetrics.compute(data, MetricsSpec.defaults().withThresholds(List.of(0.2)));
    Random random = new Random(5);
    for (int trial = 0; trial < 3; trial++) {
      Collections.shuffle(data, random);
      List<MetricsAccumulator> parts = new ArrayList<>();
      int start = 0;
      while (start < data.size()) {
        int end = Math.min(data.size(), start + 1 + random.nextInt(900));
        MetricsAccumulator a = fn.createAccumulator();
        for (LabeledPrediction p : data.subList(start, end)) {
          a = fn.addInput(a, p);
        }
        parts.add(a);
        start = end;
      }
      parts.add(fn.createAccumulator()); // an empty part merges as nothing
      Collections.shuffle(parts, random);
      MetricsResult merged = fn.extractOutput(fn.mergeAccumulators(parts));
      for (String metric : whole.values().keySet()) {
        assertEquals(whole.values().get(metric), merged.values().get(metric), 1e-9, metric);
      }
      assertEquals(whole.confusionMatrices(), merged.confusionMatrices());
    }
  }

  @Test
  void accumulatorRoundTripsThroughItsCoder() throws Exception {
    Combine.CombineFn<LabeledPrediction, MetricsAccumulator, MetricsResult> fn =
        BinaryMetrics.combineFn(MetricsSpec.defaults().withThresholds(List.of(0.25)).withBootstrapSamples(3));
    MetricsAccumulator a = fn.createAccumulator();
    for (LabeledPrediction p : synthetic(200, 9)) {
      a = fn.addInput(a, p);
    }
    Coder<MetricsAccumulator> coder = BinaryMetrics.accumulatorCoder();
    for (MetricsAccumulator value : List.of(a, fn.createAccumulator())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      coder.encode(value, out);
      MetricsAccumulator back = coder.decode(new ByteArrayInputStream(out.toByteArray()));
      assertEquals(value, back);
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      coder.encode(back, again);
      assertEquals(List.of(out.toByteArray().length), List.of(again.toByteArray().length));
    }
  }

  @Test
  void bootstrapIntervalsSurroundTheEstimate() {
    List<LabeledPrediction> data = synthetic(4000, 21);
    MetricsResult r = BinaryMetrics.compute(data, MetricsSpec.defaults().withBootstrapSamples(20));
    MetricsResult.ConfidenceInterval auc = r.confidenceIntervals().get(MetricNames.AUC);
    double estimate = r.values().get(MetricNames.AUC);
    assertEquals(20, auc.samples());
    assertTrue(auc.lower() < estimate && estimate < auc.upper(), auc + " around " + estimate);
    // The standard error of AUC on 4,000 examples is about 0.007: the interval is neither 0 nor wide.
    assertTrue(auc.standardError() > 0.002 && auc.standardError() < 0.02, auc.toString());
    assertTrue(BinaryMetrics.compute(data, MetricsSpec.defaults()).confidenceIntervals().isEmpty());
  }

  @Test
  void rejectsValuesThatAreNotBinaryLabelsOrProbabilities() {
    InvalidInputException label = assertThrows(InvalidInputException.class, () -> LabeledPrediction.of(2, 0.5));
    assertEquals("Label 2.0 is not a binary label: expected 0 or 1", label.getMessage());
    InvalidInputException prediction = assertThrows(InvalidInputException.class, () -> LabeledPrediction.of(1, 1.5));
    assertTrue(prediction.getMessage().startsWith("Prediction 1.5 is not a probability"), prediction.getMessage());
    assertThrows(InvalidInputException.class, () -> new LabeledPrediction(1, 0.5, -1));
    InvalidParameterException threshold = assertThrows(InvalidParameterException.class,
        () -> MetricsSpec.defaults().withThresholds(List.of(1.2)));
    assertEquals("Confusion matrix threshold 1.2 is not allowed: expected a value in [0, 1]", threshold.getMessage());
  }
}
