package io.beamline.evaluator.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The metrics of one slice: binary, multiclass or regression (the parts that do not apply to the task
 * are empty or null). A metric that is undefined on the slice (AUC without positives,
 * precision without predicted positives) is absent from {@link #values}, never NaN.
 *
 * @param values scalar metrics by name ({@link MetricNames}), sorted by name
 * @param confusionMatrices one per configured threshold, ascending
 * @param calibrationPlot non-empty calibration buckets, ascending
 * @param roc ROC curve points (x = false positive rate, y = recall) at thresholds 0, 0.01, ..., 1
 * @param pr precision-recall curve points (x = recall, y = precision) at the same thresholds
 * @param confidenceIntervals intervals by metric name (bootstrap or jackknife); empty unless asked for
 * @param classConfusion multiclass: weighted counts of actual (row) by predicted (column) class; else null
 * @param residualHistogram regression: weighted counts of label - prediction in log-spaced buckets; else empty
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricsResult(
    Map<String, Double> values,
    List<ConfusionMatrix> confusionMatrices,
    List<CalibrationBucket> calibrationPlot,
    List<CurvePoint> roc,
    List<CurvePoint> pr,
    Map<String, ConfidenceInterval> confidenceIntervals,
    ClassConfusion classConfusion,
    List<HistogramBucket> residualHistogram) implements Serializable {

  /** A binary result. */
  public MetricsResult(Map<String, Double> values, List<ConfusionMatrix> confusionMatrices,
      List<CalibrationBucket> calibrationPlot, List<CurvePoint> roc, List<CurvePoint> pr,
      Map<String, ConfidenceInterval> confidenceIntervals) {
    this(values, confusionMatrices, calibrationPlot, roc, pr, confidenceIntervals, null, List.of());
  }

  public MetricsResult {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
    confusionMatrices = List.copyOf(confusionMatrices);
    calibrationPlot = List.copyOf(calibrationPlot);
    roc = List.copyOf(roc);
    pr = List.copyOf(pr);
    confidenceIntervals = Collections.unmodifiableMap(new TreeMap<>(confidenceIntervals));
    residualHistogram = List.copyOf(residualHistogram == null ? List.of() : residualHistogram);
  }

  /** The metric's value, empty when it is undefined on this slice. */
  public Optional<Double> value(String metric) {
    return Optional.ofNullable(values.get(metric));
  }

  /** The unweighted number of examples. */
  public long exampleCount() {
    return values.getOrDefault(MetricNames.EXAMPLE_COUNT, 0.0).longValue();
  }

  /** The confusion matrix at {@code threshold}, which must be one of the configured thresholds. */
  public ConfusionMatrix confusionAt(double threshold) {
    return confusionMatrices.stream().filter(c -> c.threshold() == threshold).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No confusion matrix at threshold " + threshold));
  }

  /**
   * Weighted confusion counts at one threshold; a rate is null when its denominator is zero.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ConfusionMatrix(double threshold, double tp, double fp, double tn, double fn,
      Double precision, Double recall, Double f1, Double fpr) implements Serializable {}

  /** Predictions in [lower, upper): their total weight, mean prediction and mean label. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CalibrationBucket(double lower, double upper, double weight, double meanPrediction,
      double meanLabel) implements Serializable {}

  /** One point of a curve at a threshold. */
  public record CurvePoint(double threshold, double x, double y) implements Serializable {}

  /**
   * A Poisson-bootstrap interval: the 2.5th and 97.5th percentiles of the metric over the replicates,
   * and their standard deviation as the standard error.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ConfidenceInterval(double lower, double upper, double standardError, int samples)
      implements Serializable {
    public ConfidenceInterval {
      if (samples < 1) {
        throw new IllegalArgumentException("A confidence interval needs samples, got " + samples);
      }
    }
  }

  /**
   * A multiclass confusion matrix: {@code weights.get(actual).get(predicted)}, the predicted class
   * being the column with the highest probability (the first on ties).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ClassConfusion(List<String> classes, List<List<Double>> weights) implements Serializable {
    public ClassConfusion {
      classes = List.copyOf(classes);
      weights = weights.stream().map(List::copyOf).toList();
    }
  }

  /** The weight of values in [low, high). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record HistogramBucket(double low, double high, double weight) implements Serializable {}
}
