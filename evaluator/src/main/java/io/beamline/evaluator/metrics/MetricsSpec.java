package io.beamline.evaluator.metrics;

import io.beamline.core.InvalidParameterException;
import java.io.Serializable;
import java.util.List;
import java.util.TreeSet;

/**
 * What the binary metrics compute besides the fixed set: the thresholds of the confusion matrices,
 * the number of calibration plot buckets, and the Poisson-bootstrap samples for confidence intervals.
 *
 * <p>Defaults ({@link #defaults()}): confusion matrices at 0.5, 10 calibration buckets, no
 * confidence intervals. Accuracy, precision and recall are always reported at 0.5, the decision
 * threshold, which is therefore always among the confusion matrix thresholds.
 *
 * @param thresholds confusion matrix thresholds in [0, 1]; an example is predicted positive when its
 *     prediction is greater than the threshold (Keras' and TFMA's rule); sorted, 0.5 added
 * @param calibrationBuckets equal-width prediction buckets of the calibration plot, 1 to 1,000
 * @param bootstrapSamples Poisson-bootstrap replicates for confidence intervals; 0 = none, else 2 to 1,000
 */
public record MetricsSpec(List<Double> thresholds, int calibrationBuckets, int bootstrapSamples)
    implements Serializable {
  public static final double DECISION_THRESHOLD = 0.5;
  /** Replicates used when confidence intervals are asked for without a count (TFMA's default). */
  public static final int DEFAULT_BOOTSTRAP_SAMPLES = 20;

  public MetricsSpec {
    TreeSet<Double> sorted = new TreeSet<>();
    sorted.add(DECISION_THRESHOLD);
    for (Double t : thresholds == null ? List.<Double>of() : thresholds) {
      if (t == null || !(t >= 0.0 && t <= 1.0)) {
        throw new InvalidParameterException("Confusion matrix threshold " + t + " is not allowed: expected a value in [0, 1]");
      }
      sorted.add(t);
    }
    thresholds = List.copyOf(sorted);
    if (calibrationBuckets < 1 || calibrationBuckets > 1000) {
      throw new InvalidParameterException("calibration_buckets must be 1 to 1000, got " + calibrationBuckets);
    }
    if (bootstrapSamples != 0 && (bootstrapSamples < 2 || bootstrapSamples > 1000)) {
      throw new InvalidParameterException("bootstrap_samples must be 0 (no confidence intervals) or 2 to 1000, got "
          + bootstrapSamples);
    }
  }

  public static MetricsSpec defaults() {
    return new MetricsSpec(List.of(), 10, 0);
  }

  public MetricsSpec withThresholds(List<Double> thresholds) {
    return new MetricsSpec(thresholds, calibrationBuckets, bootstrapSamples);
  }

  public MetricsSpec withCalibrationBuckets(int buckets) {
    return new MetricsSpec(thresholds, buckets, bootstrapSamples);
  }

  public MetricsSpec withBootstrapSamples(int samples) {
    return new MetricsSpec(thresholds, calibrationBuckets, samples);
  }

  int decisionIndex() {
    return thresholds.indexOf(DECISION_THRESHOLD);
  }
}
