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

  /** Every scalar metric, in report order. */
  public static final List<String> ALL = List.of(EXAMPLE_COUNT, WEIGHTED_EXAMPLE_COUNT, ACCURACY, PRECISION,
      RECALL, AUC, AUC_PR, BINARY_CROSSENTROPY, MEAN_LABEL, MEAN_PREDICTION, CALIBRATION);

  private MetricNames() {}
}
