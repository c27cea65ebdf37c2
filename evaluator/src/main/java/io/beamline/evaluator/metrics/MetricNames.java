package io.beamline.evaluator.metrics;

import java.util.List;

/** The names of the scalar metrics, as they appear in metrics JSON and in thresholds. */
public final class MetricNames {
  public static final String EXAMPLE_COUNT = "example_count";
  public static final String WEIGHTED_EXAMPLE_COUNT = "weighted_example_count";
  public static final String ACCURACY = "accuracy";
  public static final String PRECISION = "precision";
  public static final String RECALL = "recall";
  public static final String AUC = "auc";
  public static final String AUC_PR = "auc_pr";
  public static final String BINARY_CROSSENTROPY = "binary_crossentropy";
  public static final String MEAN_LABEL = "mean_label";
  public static final String MEAN_PREDICTION = "mean_prediction";
  /** Mean prediction over mean label (weighted): 1 is perfectly calibrated on average. */
  public static final String CALIBRATION = "calibration";

  /** Binary fairness rates at a threshold t, named {@code <rate>@t}: see {@link #atThreshold}. */
  public static final String FALSE_POSITIVE_RATE = "false_positive_rate";
  public static final String FALSE_NEGATIVE_RATE = "false_negative_rate";
  public static final String TRUE_POSITIVE_RATE = "true_positive_rate";
  public static final String TRUE_NEGATIVE_RATE = "true_negative_rate";
  public static final String POSITIVE_RATE = "positive_rate";

  // Multiclass; per-class metrics are named metric[class], e.g. recall[Adelie] (see perClass).
  public static final String F1 = "f1";
  public static final String MACRO_PRECISION = "macro_precision";
  public static final String MACRO_RECALL = "macro_recall";
  public static final String MACRO_F1 = "macro_f1";
  public static final String MICRO_PRECISION = "micro_precision";
  public static final String MICRO_RECALL = "micro_recall";
  public static final String MICRO_F1 = "micro_f1";
  public static final String WEIGHTED_PRECISION = "weighted_precision";
  public static final String WEIGHTED_RECALL = "weighted_recall";
  public static final String WEIGHTED_F1 = "weighted_f1";
  public static final String MACRO_AUC = "macro_auc";
  public static final String WEIGHTED_AUC = "weighted_auc";
  public static final String CATEGORICAL_CROSSENTROPY = "categorical_crossentropy";

  // Regression (Keras' names).
  public static final String MEAN_SQUARED_ERROR = "mean_squared_error";
  public static final String ROOT_MEAN_SQUARED_ERROR = "root_mean_squared_error";
  public static final String MEAN_ABSOLUTE_ERROR = "mean_absolute_error";
  public static final String MEAN_ABSOLUTE_PERCENTAGE_ERROR = "mean_absolute_percentage_error";
  public static final String R_SQUARED = "r_squared";

  /** {@code metric[className]}, e.g. {@code precision[Adelie]}. */
  public static String perClass(String metric, String className) {
    return metric + "[" + className + "]";
  }

  /** {@code top_k_accuracy} for k = 2, 3, ...: the true class among the k most probable. */
  public static String topKAccuracy(int k) {
    return "top_" + k + "_accuracy";
  }

  /** {@code rate@threshold}, e.g. {@code false_negative_rate@0.5}. */
  public static String atThreshold(String rate, double threshold) {
    return rate + "@" + threshold;
  }

  /** Every binary scalar metric, in report order (fairness rates come on top, per threshold). */
  public static final List<String> ALL = List.of(EXAMPLE_COUNT, WEIGHTED_EXAMPLE_COUNT, ACCURACY, PRECISION,
      RECALL, AUC, AUC_PR, BINARY_CROSSENTROPY, MEAN_LABEL, MEAN_PREDICTION, CALIBRATION);

  private MetricNames() {}
}
