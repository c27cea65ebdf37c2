package io.beamline.evaluator.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link MulticlassAccumulator} into metric values. Per class c (named {@code metric[c]}):
 * precision, recall, F1 and one-vs-rest AUC, each absent where undefined. Averages follow
 * scikit-learn: {@code macro_*} the plain mean over classes, {@code weighted_*} weighted by each
 * class's (weighted) support, with an undefined precision or F1 counting as 0 (sklearn's
 * {@code zero_division=0}); {@code micro_*} pools the counts, which for single-label data all equal
 * the accuracy. {@code macro_auc} / {@code weighted_auc} average over the classes with both positive
 * and negative examples. {@code top_k_accuracy} for k = 2 up to min(5, K - 1).
 */
final class MulticlassMetrics {
  static final int MAX_TOP_K = 5;

  private MulticlassMetrics() {}

  static MetricsResult compute(MulticlassAccumulator a) {
    Map<String, Double> values = scalars(a);
    Map<String, MetricsResult.ConfidenceInterval> intervals = a.count == 0 ? Map.of()
        : Replicates.intervals(a.resampling, values, a.replicates(), a::emptyWithoutReplicates,
            MulticlassAccumulator::merge, MulticlassMetrics::scalars);
    List<List<Double>> matrix = new ArrayList<>();
    for (int actual = 0; actual < a.classes; actual++) {
      List<Double> row = new ArrayList<>();
      for (int predicted = 0; predicted < a.classes; predicted++) {
        row.add(a.confusion[actual * a.classes + predicted]);
      }
      matrix.add(row);
    }
    return new MetricsResult(values, List.of(), List.of(), List.of(), List.of(), intervals,
        new MetricsResult.ClassConfusion(a.classNames, matrix), List.of());
  }

  static Map<String, Double> scalars(MulticlassAccumulator a) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(MetricNames.EXAMPLE_COUNT, (double) a.count);
    values.put(MetricNames.WEIGHTED_EXAMPLE_COUNT, a.weight);
    if (a.weight <= 0) {
      return values;
    }
    int k = a.classes;
    double correct = 0;
    double[] support = new double[k];
    double[] predicted = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double w = a.confusion[i * k + j];
        support[i] += w;
        predicted[j] += w;
        if (i == j) {
          correct += w;
        }
      }
    }
    double accuracy = correct / a.weight;
    values.put(MetricNames.ACCURACY, accuracy);
    values.put(MetricNames.MICRO_PRECISION, accuracy);
    values.put(MetricNames.MICRO_RECALL, accuracy);
    values.put(MetricNames.MICRO_F1, accuracy);
    values.put(MetricNames.CATEGORICAL_CROSSENTROPY, a.logLossSum / a.weight);
    double cumulative = a.rankWeight[0];
    for (int top = 2; top <= Math.min(MAX_TOP_K, k - 1); top++) {
      cumulative += a.rankWeight[top - 1];
      values.put(MetricNames.topKAccuracy(top), cumulative / a.weight);
    }
    double[] sums = new double[6]; // macro p, r, f1; weighted p, r, f1
    double aucSum = 0;
    double aucWeighted = 0;
    double aucSupport = 0;
    int aucClasses = 0;
    for (int c = 0; c < k; c++) {
      String name = a.classNames.get(c);
      double tp = a.confusion[c * k + c];
      double precision = predicted[c] > 0 ? tp / predicted[c] : 0;
      double recall = support[c] > 0 ? tp / support[c] : 0;
      double f1Denominator = support[c] + predicted[c];
      double f1 = f1Denominator > 0 ? 2 * tp / f1Denominator : 0;
      if (predicted[c] > 0) {
        values.put(MetricNames.perClass(MetricNames.PRECISION, name), precision);
      }
      if (support[c] > 0) {
        values.put(MetricNames.perClass(MetricNames.RECALL, name), recall);
      }
      if (f1Denominator > 0) {
        values.put(MetricNames.perClass(MetricNames.F1, name), f1);
      }
      sums[0] += precision;
      sums[1] += recall;
      sums[2] += f1;
      sums[3] += support[c] * precision;
      sums[4] += support[c] * recall;
      sums[5] += support[c] * f1;
      double negatives = a.weight - support[c];
      if (support[c] > 0 && negatives > 0) {
        double auc = oneVsRestAuc(a, c, support[c], negatives);
        values.put(MetricNames.perClass(MetricNames.AUC, name), auc);
        aucSum += auc;
        aucWeighted += support[c] * auc;
        aucSupport += support[c];
        aucClasses++;
      }
    }
    values.put(MetricNames.MACRO_PRECISION, sums[0] / k);
    values.put(MetricNames.MACRO_RECALL, sums[1] / k);
    values.put(MetricNames.MACRO_F1, sums[2] / k);
    values.put(MetricNames.WEIGHTED_PRECISION, sums[3] / a.weight);
    values.put(MetricNames.WEIGHTED_RECALL, sums[4] / a.weight);
    values.put(MetricNames.WEIGHTED_F1, sums[5] / a.weight);
    if (aucClasses > 0) {
      values.put(MetricNames.MACRO_AUC, aucSum / aucClasses);
      values.put(MetricNames.WEIGHTED_AUC, aucWeighted / aucSupport);
    }
    return values;
  }

  /** As the binary AUC: sweep the buckets from the top, ties within a bucket get half credit. */
  private static double oneVsRestAuc(MulticlassAccumulator a, int c, double positives, double negatives) {
    double area = 0;
    double above = 0;
    int base = c * MulticlassAccumulator.BUCKETS;
    for (int b = MulticlassAccumulator.BUCKETS - 1; b >= 0; b--) {
      double pos = a.positives[base + b];
      area += a.negatives[base + b] * (above + pos / 2);
      above += pos;
    }
    return area / (positives * negatives);
  }
}
