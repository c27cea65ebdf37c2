package io.beamline.evaluator.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link RegressionAccumulator} into metric values (all weighted): mean squared error, its
 * root, mean absolute error, mean absolute percentage error (in percent, over the examples whose label
 * is not 0: a zero label has no relative error), R² = 1 - SSE / SST (absent when the labels do not
 * vary), mean label and prediction, and calibration = mean prediction / mean label (absent when the
 * label sum is 0); the residual histogram, and the calibration plot (per prediction bucket: mean
 * prediction against mean label).
 */
final class RegressionMetrics {
  private RegressionMetrics() {}

  static MetricsResult compute(RegressionAccumulator a) {
    Map<String, Double> values = scalars(a);
    Map<String, MetricsResult.ConfidenceInterval> intervals = a.count == 0 ? Map.of()
        : Replicates.intervals(a.resampling, values, a.replicates(), a::emptyWithoutReplicates,
            RegressionAccumulator::merge, RegressionMetrics::scalars);
    List<MetricsResult.HistogramBucket> histogram = new ArrayList<>();
    for (int b = 0; b < a.residuals.length; b++) {
      if (a.residuals[b] > 0) {
        double[] edges = RegressionAccumulator.bucketEdges(b);
        histogram.add(new MetricsResult.HistogramBucket(edges[0], edges[1], a.residuals[b]));
      }
    }
    List<MetricsResult.CalibrationBucket> calibration = new ArrayList<>();
    for (int b = 0; b < a.calibrationWeight.length; b++) {
      double w = a.calibrationWeight[b];
      if (w > 0) {
        double[] edges = RegressionAccumulator.bucketEdges(b);
        calibration.add(new MetricsResult.CalibrationBucket(edges[0], edges[1], w, a.calibrationPredictions[b] / w,
            a.calibrationLabels[b] / w));
      }
    }
    return new MetricsResult(values, List.of(), calibration, List.of(), List.of(), intervals, null, histogram);
  }

  static Map<String, Double> scalars(RegressionAccumulator a) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(MetricNames.EXAMPLE_COUNT, (double) a.count);
    values.put(MetricNames.WEIGHTED_EXAMPLE_COUNT, a.weight);
    if (a.weight <= 0) {
      return values;
    }
    double mse = a.squaredErrors / a.weight;
    values.put(MetricNames.MEAN_SQUARED_ERROR, mse);
    values.put(MetricNames.ROOT_MEAN_SQUARED_ERROR, Math.sqrt(mse));
    values.put(MetricNames.MEAN_ABSOLUTE_ERROR, a.absoluteErrors / a.weight);
    if (a.nonZeroLabelWeight > 0) {
      values.put(MetricNames.MEAN_ABSOLUTE_PERCENTAGE_ERROR, 100 * a.percentageErrors / a.nonZeroLabelWeight);
    }
    double meanLabel = a.labelSum / a.weight;
    double totalSquares = a.labelSquares - a.weight * meanLabel * meanLabel;
    if (totalSquares > 1e-12 * Math.max(1, a.labelSquares)) {
      values.put(MetricNames.R_SQUARED, 1 - a.squaredErrors / totalSquares);
    }
    values.put(MetricNames.MEAN_LABEL, meanLabel);
    values.put(MetricNames.MEAN_PREDICTION, a.predictionSum / a.weight);
    if (a.labelSum != 0) {
      values.put(MetricNames.CALIBRATION, a.predictionSum / a.labelSum);
    }
    return values;
  }
}
