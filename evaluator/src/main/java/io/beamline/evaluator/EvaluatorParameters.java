package io.beamline.evaluator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import io.beamline.evaluator.metrics.MetricsSpec;
import io.beamline.evaluator.metrics.Resampling;
import io.beamline.evaluator.metrics.Task;
import java.io.Serializable;
import java.util.List;

/**
 * The Evaluator's parameters, readable from JSON ({@link #fromJson}) with snake_case names.
 *
 * <pre>{@code
 * {"label_key": "big_tipper",
 *  "slicing_specs": [{}, {"feature_keys": ["trip_start_hour"]}],
 *  "thresholds": [{"metric": "auc", "value_threshold": {"lower_bound": 0.6},
 *                  "change_threshold": {"absolute": -0.01, "direction": "HIGHER_IS_BETTER"}}],
 *  "min_slice_size": 50}
 * }</pre>
 *
 * <p>Defaults: label {@code label}, no weight, split {@code eval}, the model contract's
 * {@link ModelSpec}, the overall slice only, no thresholds (so "not validated", not blessed),
 * confusion matrices at 0.5, 10 calibration buckets, {@code min_slice_size} 1, no confidence
 * intervals (20 bootstrap samples when turned on), 1,000 examples per inference call.
 *
 * @param labelKey the feature holding the label: 0/1 (binary), a class id or class name (multiclass), a
 *     number (regression)
 * @param weightKey the feature holding each example's weight, or null for weight 1
 * @param split the Examples split to evaluate on
 * @param model how to call both candidate and baseline
 * @param slicingSpecs the slices; the overall slice is always added
 * @param thresholds the validation conditions
 * @param confusionMatrixThresholds extra thresholds for confusion matrices (0.5 is always there)
 * @param calibrationBuckets buckets of the calibration plot
 * @param minSliceSize slices with fewer examples are not reported (the output counts them); the
 *     overall slice is always reported
 * @param confidenceIntervals whether to compute Poisson-bootstrap intervals
 * @param bootstrapSamples replicates for the intervals (0 = default 20)
 * @param batchSize serialized examples per model call
 * @param task binary, multiclass or regression; null = inferred from the model's output shape and
 *     the labels (see {@link TaskInference})
 * @param classNames multiclass: the class of each output column; string labels are looked up in it,
 *     integer labels are column numbers; null = the column numbers as names
 * @param resampling how confidence intervals are drawn: {@code bootstrap} (default) or {@code jackknife}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvaluatorParameters(
    String labelKey,
    String weightKey,
    String split,
    ModelSpec model,
    List<SlicingSpec> slicingSpecs,
    List<MetricThreshold> thresholds,
    List<Double> confusionMatrixThresholds,
    Integer calibrationBuckets,
    Long minSliceSize,
    Boolean confidenceIntervals,
    Integer bootstrapSamples,
    Integer batchSize,
    Task task,
    List<String> classNames,
    Resampling resampling) implements Serializable {

  public EvaluatorParameters {
    labelKey = labelKey == null || labelKey.isBlank() ? "label" : labelKey;
    weightKey = weightKey == null || weightKey.isBlank() ? null : weightKey;
    split = split == null || split.isBlank() ? "eval" : split;
    model = model == null ? ModelSpec.defaults() : model;
    java.util.LinkedHashSet<SlicingSpec> specs = new java.util.LinkedHashSet<>();
    specs.add(SlicingSpec.overall());
    specs.addAll(slicingSpecs == null ? List.of() : slicingSpecs);
    slicingSpecs = List.copyOf(specs);
    thresholds = List.copyOf(thresholds == null ? List.of() : thresholds);
    confusionMatrixThresholds = List.copyOf(confusionMatrixThresholds == null ? List.of() : confusionMatrixThresholds);
    calibrationBuckets = calibrationBuckets == null ? 10 : calibrationBuckets;
    minSliceSize = minSliceSize == null ? 1L : minSliceSize;
    if (minSliceSize < 1) {
      throw new InvalidParameterException("min_slice_size must be >= 1, got " + minSliceSize);
    }
    confidenceIntervals = confidenceIntervals != null && confidenceIntervals;
    bootstrapSamples = bootstrapSamples == null || bootstrapSamples == 0
        ? MetricsSpec.DEFAULT_BOOTSTRAP_SAMPLES : bootstrapSamples;
    batchSize = batchSize == null ? 1000 : batchSize;
    if (batchSize < 1) {
      throw new InvalidParameterException("batch_size must be >= 1, got " + batchSize);
    }
    classNames = classNames == null || classNames.isEmpty() ? null : List.copyOf(classNames);
    if (classNames != null && classNames.stream().distinct().count() != classNames.size()) {
      throw new InvalidParameterException("class_names lists a class twice: " + classNames);
    }
    if (classNames != null && task != null && task != Task.MULTICLASS) {
      throw new InvalidParameterException("class_names " + classNames + " are for task multiclass, not " + task);
    }
    resampling = resampling == null ? Resampling.BOOTSTRAP : resampling;
    if (labelKey.equals(weightKey)) {
      throw new InvalidParameterException("label_key and weight_key are both '" + labelKey + "'");
    }
    metricsSpecOf(confusionMatrixThresholds, calibrationBuckets, confidenceIntervals, bootstrapSamples);
  }

  /** The 12 settings of the binary-only config; task inferred, bootstrap intervals. */
  public EvaluatorParameters(String labelKey, String weightKey, String split, ModelSpec model,
      List<SlicingSpec> slicingSpecs, List<MetricThreshold> thresholds, List<Double> confusionMatrixThresholds,
      Integer calibrationBuckets, Long minSliceSize, Boolean confidenceIntervals, Integer bootstrapSamples,
      Integer batchSize) {
    this(labelKey, weightKey, split, model, slicingSpecs, thresholds, confusionMatrixThresholds, calibrationBuckets,
        minSliceSize, confidenceIntervals, bootstrapSamples, batchSize, null, null, null);
  }

  /** Defaults with the given label feature. */
  public static EvaluatorParameters forLabel(String labelKey) {
    return new EvaluatorParameters(labelKey, null, null, null, null, null, null, null, null, null, null, null);
  }

  public static EvaluatorParameters defaults() {
    return forLabel(null);
  }

  public static EvaluatorParameters fromJson(String json) {
    return Json.read(json, EvaluatorParameters.class);
  }

  public EvaluatorParameters withWeightKey(String key) {
    return new EvaluatorParameters(labelKey, key, split, model, slicingSpecs, thresholds, confusionMatrixThresholds,
        calibrationBuckets, minSliceSize, confidenceIntervals, bootstrapSamples, batchSize, task, classNames, resampling);
  }

  public EvaluatorParameters withSplit(String name) {
    return new EvaluatorParameters(labelKey, weightKey, name, model, slicingSpecs, thresholds, confusionMatrixThresholds,
        calibrationBuckets, minSliceSize, confidenceIntervals, bootstrapSamples, batchSize, task, classNames, resampling);
  }

  public EvaluatorParameters withModel(ModelSpec spec) {
    return new EvaluatorParameters(labelKey, weightKey, split, spec, slicingSpecs, thresholds, confusionMatrixThresholds,
        calibrationBuckets, minSliceSize, confidenceIntervals, bootstrapSamples, batchSize, task, classNames, resampling);
  }

  public EvaluatorParameters withSlicing(SlicingSpec... specs) {
    return new EvaluatorParameters(labelKey, weightKey, split, model, List.of(specs), thresholds, confusionMatrixThresholds,
        calibrationBuckets, minSliceSize, confidenceIntervals, bootstrapSamples, batchSize, task, classNames, resampling);
  }

  public EvaluatorParameters withThresholds(MetricThreshold... conditions) {
    return new EvaluatorParameters(labelKey, weightKey, split, model, slicingSpecs, List.of(conditions),
        confusionMatrixThresholds, calibrationBuckets, minSliceSize, confidenceIntervals, bootstrapSamples, batchSize, task, classNames, resampling);
  }

  public EvaluatorParameters withMinSliceSize(long size) {
    return new EvaluatorParameters(labelKey, weightKey, split, model, slicingSpecs, thresholds, confusionMatrixThresholds,
        calibrationBuckets, size, confidenceIntervals, bootstrapSamples, batchSize, task, classNames, resampling);
  }

  public EvaluatorParameters withConfidenceIntervals(boolean on) {
    return new EvaluatorParameters(labelKey, weightKey, split, model, slicingSpecs, thresholds, confusionMatrixThresholds,
        calibrationBuckets, minSliceSize, on, bootstrapSamples, batchSize, task, classNames, resampling);
  }

  public EvaluatorParameters withBatchSize(int size) {
    return new EvaluatorParameters(labelKey, weightKey, split, model, slicingSpecs, thresholds, confusionMatrixThresholds,
        calibrationBuckets, minSliceSize, confidenceIntervals, bootstrapSamples, size, task, classNames, resampling);
  }

  public EvaluatorParameters withTask(Task value) {
    return new EvaluatorParameters(labelKey, weightKey, split, model, slicingSpecs, thresholds, confusionMatrixThresholds,
        calibrationBuckets, minSliceSize, confidenceIntervals, bootstrapSamples, batchSize, value, classNames, resampling);
  }

  public EvaluatorParameters withClassNames(List<String> names) {
    return new EvaluatorParameters(labelKey, weightKey, split, model, slicingSpecs, thresholds, confusionMatrixThresholds,
        calibrationBuckets, minSliceSize, confidenceIntervals, bootstrapSamples, batchSize, task, names, resampling);
  }

  public EvaluatorParameters withResampling(Resampling method) {
    return new EvaluatorParameters(labelKey, weightKey, split, model, slicingSpecs, thresholds, confusionMatrixThresholds,
        calibrationBuckets, minSliceSize, confidenceIntervals, bootstrapSamples, batchSize, task, classNames, method);
  }

  /**
   * The metric settings this config implies; the task must be known (given, or set by
   * {@link TaskInference}), binary when it is not.
   */
  public MetricsSpec metricsSpec() {
    MetricsSpec spec = metricsSpecOf(confusionMatrixThresholds, calibrationBuckets, confidenceIntervals, bootstrapSamples)
        .withResampling(resampling);
    if (task == Task.MULTICLASS) {
      return spec.multiclass(classNames);
    }
    return task == Task.REGRESSION ? spec.regression() : spec;
  }

  private static MetricsSpec metricsSpecOf(List<Double> thresholds, int buckets, boolean intervals, int samples) {
    return new MetricsSpec(thresholds, buckets, intervals ? samples : 0);
  }
}
