package io.beamline.evaluator.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link MetricsAccumulator} into plain metric values. */
final class MetricsComputer {
  /** Curve points every 100 histogram buckets: thresholds 0, 0.01, ..., 1. */
  private static final int CURVE_STEP = 100;

  private MetricsComputer() {}

  static MetricsResult compute(MetricsAccumulator a) {
    Map<String, Double> values = scalars(a);
    Map<String, MetricsResult.ConfidenceInterval> intervals = a.count == 0 ? Map.of()
        : Replicates.intervals(a.resampling, values, a.bootstrapSamples > 0 ? BootstrapCells.draw(a) : a.replicates,
            () -> new MetricsAccumulator(a.thresholds, a.calibration.length / 3, 0, a.resampling),
            MetricsAccumulator::merge, MetricsComputer::scalars);
    return new MetricsResult(values, confusion(a), calibrationPlot(a), roc(a), pr(a), intervals);
  }

  private static Map<String, Double> scalars(MetricsAccumulator a) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(MetricNames.EXAMPLE_COUNT, (double) a.count);
    values.put(MetricNames.WEIGHTED_EXAMPLE_COUNT, a.weight);
    if (a.weight <= 0) {
      return values;
    }
    values.put(MetricNames.MEAN_LABEL, a.labelSum / a.weight);
    values.put(MetricNames.MEAN_PREDICTION, a.predictionSum / a.weight);
    values.put(MetricNames.BINARY_CROSSENTROPY, a.logLossSum / a.weight);
    if (a.labelSum > 0) {
      values.put(MetricNames.CALIBRATION, a.predictionSum / a.labelSum);
    }
    int d = Arrays.binarySearch(a.thresholds, MetricsSpec.DECISION_THRESHOLD);
    double tp = a.confusion[4 * d];
    double fp = a.confusion[4 * d + 1];
    double tn = a.confusion[4 * d + 2];
    double fn = a.confusion[4 * d + 3];
    values.put(MetricNames.ACCURACY, (tp + tn) / a.weight);
    putRatio(values, MetricNames.PRECISION, tp, tp + fp);
    putRatio(values, MetricNames.RECALL, tp, tp + fn);
    double positives = a.labelSum;
    double negatives = a.weight - a.labelSum;
    if (positives > 0 && negatives > 0) {
      values.put(MetricNames.AUC, aucRoc(a, positives, negatives));
    }
    putFairnessRates(a, values);
    if (positives > 0) {
      values.put(MetricNames.AUC_PR, averagePrecision(a, positives));
    }
    return values;
  }

  /**
   * Fairness indicators' rates at every confusion-matrix threshold, as scalars so that they get
   * intervals and thresholds (per slice, and against the overall value) like any metric.
   */
  private static void putFairnessRates(MetricsAccumulator a, Map<String, Double> values) {
    for (int i = 0; i < a.thresholds.length; i++) {
      double t = a.thresholds[i];
      double tp = a.confusion[4 * i];
      double fp = a.confusion[4 * i + 1];
      double tn = a.confusion[4 * i + 2];
      double fn = a.confusion[4 * i + 3];
      putRatio(values, MetricNames.atThreshold(MetricNames.FALSE_POSITIVE_RATE, t), fp, fp + tn);
      putRatio(values, MetricNames.atThreshold(MetricNames.TRUE_NEGATIVE_RATE, t), tn, fp + tn);
      putRatio(values, MetricNames.atThreshold(MetricNames.TRUE_POSITIVE_RATE, t), tp, tp + fn);
      putRatio(values, MetricNames.atThreshold(MetricNames.FALSE_NEGATIVE_RATE, t), fn, tp + fn);
      putRatio(values, MetricNames.atThreshold(MetricNames.POSITIVE_RATE, t), tp + fp, a.weight);
    }
  }

  /**
   * Area under the ROC curve, sweeping the histogram from the highest bucket down; predictions in one
   * bucket count as tied (half credit), as the rank formula does for equal scores.
   */
  private static double aucRoc(MetricsAccumulator a, double positives, double negatives) {
    double area = 0;
    double tpAbove = 0;
    for (int b = MetricsAccumulator.BUCKETS - 1; b >= 0; b--) {
      area += a.negatives[b] * (tpAbove + a.positives[b] / 2);
      tpAbove += a.positives[b];
    }
    return area / (positives * negatives);
  }

  /**
   * AUC-PR as average precision: the sum over thresholds of the recall gained times the precision at
   * that threshold (sklearn's definition, without interpolation), one threshold per bucket.
   */
  private static double averagePrecision(MetricsAccumulator a, double positives) {
    double sum = 0;
    double tp = 0;
    double fp = 0;
    for (int b = MetricsAccumulator.BUCKETS - 1; b >= 0; b--) {
      if (a.positives[b] == 0 && a.negatives[b] == 0) {
        continue;
      }
      tp += a.positives[b];
      fp += a.negatives[b];
      sum += (a.positives[b] / positives) * (tp / (tp + fp));
    }
    return sum;
  }

  private static List<MetricsResult.ConfusionMatrix> confusion(MetricsAccumulator a) {
    List<MetricsResult.ConfusionMatrix> out = new ArrayList<>();
    for (int i = 0; i < a.thresholds.length; i++) {
      double tp = a.confusion[4 * i];
      double fp = a.confusion[4 * i + 1];
      double tn = a.confusion[4 * i + 2];
      double fn = a.confusion[4 * i + 3];
      Double precision = ratio(tp, tp + fp);
      Double recall = ratio(tp, tp + fn);
      Double f1 = ratio(2 * tp, 2 * tp + fp + fn);
      out.add(new MetricsResult.ConfusionMatrix(a.thresholds[i], tp, fp, tn, fn, precision, recall, f1,
          ratio(fp, fp + tn)));
    }
    return out;
  }

  private static List<MetricsResult.CalibrationBucket> calibrationPlot(MetricsAccumulator a) {
    int buckets = a.calibration.length / 3;
    List<MetricsResult.CalibrationBucket> out = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      double w = a.calibration[3 * i];
      if (w > 0) {
        out.add(new MetricsResult.CalibrationBucket((double) i / buckets, (double) (i + 1) / buckets, w,
            a.calibration[3 * i + 1] / w, a.calibration[3 * i + 2] / w));
      }
    }
    return out;
  }

  private static List<MetricsResult.CurvePoint> roc(MetricsAccumulator a) {
    double positives = a.labelSum;
    double negatives = a.weight - a.labelSum;
    List<MetricsResult.CurvePoint> out = new ArrayList<>();
    if (positives <= 0 || negatives <= 0) {
      return out;
    }
    double[] tpAbove = cumulativeFromTop(a.positives);
    double[] fpAbove = cumulativeFromTop(a.negatives);
    for (int b = 0; b <= MetricsAccumulator.BUCKETS; b += CURVE_STEP) {
      out.add(new MetricsResult.CurvePoint((double) b / MetricsAccumulator.BUCKETS,
          fpAbove[b] / negatives, tpAbove[b] / positives));
    }
    return out;
  }

  private static List<MetricsResult.CurvePoint> pr(MetricsAccumulator a) {
    double positives = a.labelSum;
    List<MetricsResult.CurvePoint> out = new ArrayList<>();
    if (positives <= 0) {
      return out;
    }
    double[] tpAbove = cumulativeFromTop(a.positives);
    double[] fpAbove = cumulativeFromTop(a.negatives);
    for (int b = 0; b <= MetricsAccumulator.BUCKETS; b += CURVE_STEP) {
      double predicted = tpAbove[b] + fpAbove[b];
      if (predicted > 0) {
        out.add(new MetricsResult.CurvePoint((double) b / MetricsAccumulator.BUCKETS,
            tpAbove[b] / positives, tpAbove[b] / predicted));
      }
    }
    return out;
  }

  /** {@code out[b]} = the weight in buckets b and above, i.e. predicted positive at threshold b/BUCKETS. */
  private static double[] cumulativeFromTop(double[] histogram) {
    double[] out = new double[histogram.length + 1];
    for (int b = histogram.length - 1; b >= 0; b--) {
      out[b] = out[b + 1] + histogram[b];
    }
    return out;
  }

  private static void putRatio(Map<String, Double> values, String name, double num, double den) {
    Double r = ratio(num, den);
    if (r != null) {
      values.put(name, r);
    }
  }

  private static Double ratio(double num, double den) {
    return den > 0 ? num / den : null;
  }
}
