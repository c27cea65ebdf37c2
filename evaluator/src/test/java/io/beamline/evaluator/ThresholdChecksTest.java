package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidParameterException;
import io.beamline.evaluator.MetricThreshold.Direction;
import io.beamline.evaluator.metrics.MetricsResult;
import io.beamline.evaluator.metrics.Resampling;
import io.beamline.evaluator.metrics.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdChecksTest {
  private static MetricsResult metrics(double auc, double logLoss) {
    return new MetricsResult(Map.of("auc", auc, "binary_crossentropy", logLoss, "example_count", 100.0),
        List.of(), List.of(), List.of(), List.of(), Map.of());
  }

  private static Map<String, MetricsResult> slices(double auc, double logLoss) {
    Map<String, MetricsResult> m = new LinkedHashMap<>();
    m.put("Overall", metrics(auc, logLoss));
    m.put("hour=1", metrics(auc - 0.1, logLoss));
    return m;
  }

  private static ValidationResult check(MetricThreshold t, Map<String, MetricsResult> candidate,
      Map<String, MetricsResult> baseline) {
    return ThresholdChecks.check(List.of(t), candidate, baseline);
  }

  private static MetricsResult withInterval(double auc, double lower, double upper) {
    return new MetricsResult(Map.of("auc", auc, "example_count", 100.0), List.of(), List.of(), List.of(), List.of(),
        Map.of("auc", new MetricsResult.ConfidenceInterval(lower, upper, 0.05, 20)));
  }

  @Test
  void aThresholdOnTheLowerBoundReadsTheIntervalAndSaysSo() {
    MetricThreshold t = MetricThreshold.value("auc", 0.6, null).onBound(MetricThreshold.Bound.LOWER);
    ValidationResult failed = check(t, Map.of("Overall", withInterval(0.8, 0.55, 0.9)), null);
    assertEquals(ValidationResult.Status.FAILED, failed.status());
    assertEquals(0.55, failed.failures().get(0).value());
    assertTrue(failed.failures().get(0).message().startsWith("the lower bound of auc on Overall (0.55 to 0.9,"
        + " estimate 0.8) is 0.55, expected value >= 0.6"), failed.failures().get(0).message());

    ValidationResult passed = check(t, Map.of("Overall", withInterval(0.8, 0.65, 0.9)), null);
    assertTrue(passed.validationOk());
    assertTrue(EvaluatorExecutor.message(passed).contains("Checked the lower bound of auc on Overall"),
        EvaluatorExecutor.message(passed));

    ValidationResult noInterval = check(t, slices(0.8, 0.5), null);
    assertTrue(noInterval.failures().get(0).message().contains("turn on confidence_intervals"));
  }

  @Test
  void aGapThresholdBoundsEverySliceAgainstOverall() {
    Map<String, MetricsResult> slices = new LinkedHashMap<>();
    slices.put("Overall", metrics(0.20, 0.5));
    slices.put("hour=1", metrics(0.24, 0.5));
    slices.put("hour=2", metrics(0.26, 0.5));
    slices.put("hour=3", metrics(0.05, 0.5));
    ValidationResult v = check(MetricThreshold.gap("auc", null, 0.05), slices, null);
    assertEquals(1, v.failures().size());
    ValidationResult.Failure f = v.failures().get(0);
    assertEquals("hour=2", f.slice());
    assertEquals("slice - Overall <= 0.05", f.threshold());
    assertTrue(f.message().startsWith("auc on hour=2 is 0.26, 0.06"), f.message());
  }

  @Test
  void aGapThresholdOnABoundReadsTheSlicesIntervalAgainstTheOverallEstimate() {
    Map<String, MetricsResult> slices = new LinkedHashMap<>();
    slices.put("Overall", withInterval(0.20, 0.18, 0.22));
    slices.put("hour=1", withInterval(0.30, 0.22, 0.38));  // estimate 0.10 above, but noisy: lower bound 0.02 above
    slices.put("hour=2", withInterval(0.30, 0.27, 0.33));  // even its lower bound is 0.07 above
    MetricThreshold onEstimate = MetricThreshold.gap("auc", null, 0.05);
    assertEquals(List.of("hour=1", "hour=2"),
        check(onEstimate, slices, null).failures().stream().map(ValidationResult.Failure::slice).toList());

    ValidationResult onLower = check(onEstimate.onBound(MetricThreshold.Bound.LOWER), slices, null);
    assertEquals(1, onLower.failures().size());
    ValidationResult.Failure f = onLower.failures().get(0);
    assertEquals("hour=2", f.slice());
    assertEquals(0.27, f.value());
    assertTrue(f.message().startsWith("the lower bound of auc on hour=2 (0.27 to 0.33, estimate 0.3) is 0.27, 0.07"),
        f.message());
    assertTrue(EvaluatorExecutor.message(onLower).contains("Checked the lower bound of auc on hour=1"),
        EvaluatorExecutor.message(onLower));

    Map<String, MetricsResult> noIntervals = new LinkedHashMap<>(slices);
    noIntervals.put("hour=3", metrics(0.2, 0.5));
    ValidationResult missing = check(onEstimate.onBound(MetricThreshold.Bound.UPPER), noIntervals, null);
    assertTrue(missing.failures().stream().anyMatch(x -> x.slice().equals("hour=3")
        && x.message().contains("turn on confidence_intervals")), missing.toString());
  }

  @Test
  void valueBoundsAreInclusive() {
    assertTrue(check(MetricThreshold.value("auc", 0.8, null), slices(0.8, 0.5), null).validationOk());
    assertTrue(check(MetricThreshold.value("auc", null, 0.8), slices(0.8, 0.5), null).validationOk());
    ValidationResult low = check(MetricThreshold.value("auc", 0.81, 0.9), slices(0.8, 0.5), null);
    assertEquals(ValidationResult.Status.FAILED, low.status());
    ValidationResult.Failure f = low.failures().get(0);
    assertEquals(List.of("auc", "Overall", "value in [0.81, 0.9]"), List.of(f.metric(), f.slice(), f.threshold()));
    assertEquals(0.8, f.value());
  }

  @Test
  void allSlicesWildcardChecksEveryReportedSlice() {
    ValidationResult r = check(MetricThreshold.value("auc", 0.75, null).onSlice("*"), slices(0.8, 0.5), null);
    assertEquals(1, r.failures().size());
    assertEquals("hour=1", r.failures().get(0).slice());
    ValidationResult missing = check(MetricThreshold.value("auc", 0.5, null).onSlice("hour=9"), slices(0.8, 0.5), null);
    assertTrue(missing.failures().get(0).message().contains("is not in the evaluation"));
  }

  @Test
  void absoluteChangeHigherIsBetter() {
    MetricThreshold noWorseThanABit = MetricThreshold.change("auc", Direction.HIGHER_IS_BETTER, -0.01, null);
    assertTrue(check(noWorseThanABit, slices(0.795, 0.5), slices(0.80, 0.5)).validationOk());
    ValidationResult worse = check(noWorseThanABit, slices(0.78, 0.5), slices(0.80, 0.5));
    assertEquals(ValidationResult.Status.FAILED, worse.status());
    assertEquals(0.80, worse.failures().get(0).baselineValue());
    assertEquals(0.78, worse.failures().get(0).value());
    MetricThreshold mustImprove = MetricThreshold.change("auc", Direction.HIGHER_IS_BETTER, 0.01, null);
    assertTrue(check(mustImprove, slices(0.82, 0.5), slices(0.80, 0.5)).validationOk());
    assertEquals(ValidationResult.Status.FAILED, check(mustImprove, slices(0.805, 0.5), slices(0.80, 0.5)).status());
  }

  @Test
  void relativeChangeLowerIsBetter() {
    MetricThreshold atMost5PercentWorse = MetricThreshold.change("binary_crossentropy", Direction.LOWER_IS_BETTER, null, 0.05);
    assertTrue(check(atMost5PercentWorse, slices(0.8, 0.52), slices(0.8, 0.50)).validationOk());
    ValidationResult worse = check(atMost5PercentWorse, slices(0.8, 0.60), slices(0.8, 0.50));
    assertEquals(ValidationResult.Status.FAILED, worse.status());
    assertTrue(worse.failures().get(0).message().contains("relative change"), worse.failures().get(0).message());
    MetricThreshold absolute = MetricThreshold.change("binary_crossentropy", Direction.LOWER_IS_BETTER, 0.0, null);
    assertTrue(check(absolute, slices(0.8, 0.49), slices(0.8, 0.50)).validationOk());
    assertEquals(ValidationResult.Status.FAILED, check(absolute, slices(0.8, 0.51), slices(0.8, 0.50)).status());
  }

  @Test
  void withoutABaselineChangeThresholdsAreSkippedAndSaidSo() {
    ValidationResult r = ThresholdChecks.check(List.of(
        MetricThreshold.value("auc", 0.7, null),
        MetricThreshold.change("auc", Direction.HIGHER_IS_BETTER, 0.0, null)), slices(0.8, 0.5), null);
    assertEquals(ValidationResult.Status.OK, r.status());
    assertEquals(List.of("No baseline model: 1 change threshold check(s) skipped."), r.notes());
  }

  @Test
  void noThresholdsIsNotValidated() {
    ValidationResult r = ThresholdChecks.check(List.of(), slices(0.8, 0.5), slices(0.8, 0.5));
    assertEquals(ValidationResult.Status.NOT_VALIDATED, r.status());
    assertEquals(false, r.validationOk());
  }

  @Test
  void multiclassConfigReadsFromJson() {
    EvaluatorParameters config = EvaluatorParameters.fromJson("""
        {"label_key": "species", "task": "multiclass", "class_names": ["Adelie", "Chinstrap", "Gentoo"],
         "model": {"output_key": "output_0", "output_transform": "softmax"},
         "confidence_intervals": true, "resampling": "jackknife", "bootstrap_samples": 10}
        """);
    assertEquals(Task.MULTICLASS, config.metricsSpec().task());
    assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), config.metricsSpec().classNames());
    assertEquals(Resampling.JACKKNIFE, config.metricsSpec().resampling());
    assertEquals(10, config.metricsSpec().bootstrapSamples());
    assertEquals(OutputTransform.SOFTMAX, config.model().outputTransform());
    InvalidParameterException unknown = assertThrows(InvalidParameterException.class,
        () -> EvaluatorParameters.fromJson("{\"task\": \"ranking\"}"));
    assertTrue(unknown.getMessage().contains("Unknown task 'ranking': expected one of [binary, multiclass, regression]"),
        unknown.getMessage());
  }

  @Test
  void evalConfigReadsFromSnakeCaseJson() {
    EvaluatorParameters config = EvaluatorParameters.fromJson("""
        {"label_key": "big_tipper", "weight_key": "w",
         "model": {"signature_name": "serving_default", "output_key": "probabilities", "class_index": 1},
         "slicing_specs": [{"feature_keys": ["trip_start_hour"]}, {"feature_values": {"payment_type": "Cash"}}],
         "thresholds": [{"metric": "auc", "value_threshold": {"lower_bound": 0.6},
                         "change_threshold": {"absolute": -0.01, "direction": "HIGHER_IS_BETTER"}}],
         "min_slice_size": 50, "confidence_intervals": true}
        """);
    assertEquals("big_tipper", config.labelKey());
    assertEquals("eval", config.split());
    // no input_key: a lone DT_STRING input takes serialized examples, any other signature named features
    assertEquals(new ModelSpec("serving_default", null, "probabilities", 1), config.model());
    assertEquals(List.of(SlicingSpec.overall(), SlicingSpec.byFeatures("trip_start_hour"),
        SlicingSpec.byValue("payment_type", "Cash")), config.slicingSpecs());
    assertEquals(0.6, config.thresholds().get(0).valueThreshold().lowerBound());
    assertEquals("Overall", config.thresholds().get(0).slice());
    assertEquals(50L, config.minSliceSize());
    assertEquals(20, config.metricsSpec().bootstrapSamples());
    assertEquals(config, EvaluatorParameters.fromJson(io.beamline.core.Json.write(config)));

    InvalidParameterException typo = assertThrows(InvalidParameterException.class,
        () -> EvaluatorParameters.fromJson("{\"label\": \"x\"}"));
    assertTrue(typo.getMessage().contains("label"), typo.getMessage());
  }
}
