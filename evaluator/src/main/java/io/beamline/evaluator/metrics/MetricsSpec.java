package io.beamline.evaluator.metrics;

import io.beamline.core.InvalidParameterException;
import java.io.Serializable;
import java.util.List;
import java.util.TreeSet;

/**
 * What the metrics compute besides the fixed set: the task (binary, multiclass, regression), the
 * thresholds of the binary confusion matrices (and fairness rates), the number of calibration plot
 * buckets, the classes of a multiclass model, and the replicates for confidence intervals.
 *
 * <p>Defaults ({@link #defaults()}): binary, confusion matrices at 0.5, 10 calibration buckets, no
 * confidence intervals (bootstrap when asked for). Accuracy, precision and recall are always reported
 * at 0.5, the decision threshold, which is therefore always among the confusion matrix thresholds.
 *
 * @param thresholds confusion matrix thresholds in [0, 1]; an example is predicted positive when its
 *     prediction is greater than the threshold (Keras' and TFMA's rule); sorted, 0.5 added
 * @param calibrationBuckets equal-width prediction buckets of the calibration plot, 1 to 1,000
 * @param bootstrapSamples replicates for confidence intervals (bootstrap samples or jackknife groups);
 *     0 = none, else 2 to 1,000
 * @param task what the model predicts; null = binary
 * @param classNames multiclass only: the name of each output column (class id i is column i), 2 or more
 * @param resampling how replicates are drawn; null = bootstrap
 */
public record MetricsSpec(List<Double> thresholds, int calibrationBuckets, int bootstrapSamples, Task task,
    List<String> classNames, Resampling resampling) implements Serializable {
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
    task = task == null ? Task.BINARY : task;
    classNames = List.copyOf(classNames == null ? List.of() : classNames);
    if (task == Task.MULTICLASS && classNames.size() < 2) {
      throw new InvalidParameterException("A multiclass evaluation needs 2 or more classes, got " + classNames);
    }
    if (task != Task.MULTICLASS && !classNames.isEmpty()) {
      throw new InvalidParameterException("Class names " + classNames + " are for a multiclass task, not " + task);
    }
    resampling = resampling == null ? Resampling.BOOTSTRAP : resampling;
  }

  /** A binary spec with bootstrap intervals. */
  public MetricsSpec(List<Double> thresholds, int calibrationBuckets, int bootstrapSamples) {
    this(thresholds, calibrationBuckets, bootstrapSamples, Task.BINARY, List.of(), Resampling.BOOTSTRAP);
  }

  public static MetricsSpec defaults() {
    return new MetricsSpec(List.of(), 10, 0);
  }

  public MetricsSpec withThresholds(List<Double> thresholds) {
    return new MetricsSpec(thresholds, calibrationBuckets, bootstrapSamples, task, classNames, resampling);
  }

  public MetricsSpec withCalibrationBuckets(int buckets) {
    return new MetricsSpec(thresholds, buckets, bootstrapSamples, task, classNames, resampling);
  }

  public MetricsSpec withBootstrapSamples(int samples) {
    return new MetricsSpec(thresholds, calibrationBuckets, samples, task, classNames, resampling);
  }

  /** A multiclass spec over these classes (column i of the prediction is class i). */
  public MetricsSpec multiclass(List<String> classes) {
    return new MetricsSpec(thresholds, calibrationBuckets, bootstrapSamples, Task.MULTICLASS, classes, resampling);
  }

  public MetricsSpec regression() {
    return new MetricsSpec(thresholds, calibrationBuckets, bootstrapSamples, Task.REGRESSION, List.of(), resampling);
  }

  public MetricsSpec withResampling(Resampling method) {
    return new MetricsSpec(thresholds, calibrationBuckets, bootstrapSamples, task, classNames, method);
  }

  int decisionIndex() {
    return thresholds.indexOf(DECISION_THRESHOLD);
  }
}
