package io.beamline.evaluator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.InvalidParameterException;
import java.io.Serializable;

/**
 * A pass condition on one metric of one slice (or of every reported slice), TFMA's semantics.
 *
 * <p>Value threshold: the candidate's value must be within [lower_bound, upper_bound] (either may be
 * left out). Change threshold, with diff = candidate - baseline: for {@code HIGHER_IS_BETTER} the
 * diff must be {@code >= absolute} and diff / baseline {@code >= relative}; for
 * {@code LOWER_IS_BETTER} {@code <=}. So {@code absolute: -0.01} with higher-is-better allows the
 * candidate to be at most 0.01 worse, and {@code absolute: 0} forbids any regression.
 *
 * <p>Bound: with confidence intervals on, {@code "bound": "lower"} (or {@code "upper"}) checks the value
 * threshold against that end of the metric's interval instead of its estimate, e.g. "the lower bound
 * of AUC must be at least 0.7"; the validation notes say which bound was checked.
 *
 * <p>Gap threshold (fairness across slices): bounds on the slice's value minus the overall value,
 * e.g. with {@code "slice": "*"} and {@code "gap_threshold": {"upper_bound": 0.05}} on
 * {@code false_negative_rate@0.5}, no reported slice's FNR may be more than 0.05 above the overall FNR.
 * With a bound, the slice's end of its interval stands for its value ({@code "bound": "lower"} with
 * an upper gap bound: fail only when even the slice's lower bound is more than 0.05 above overall,
 * so a small slice's noise alone does not fail the model). A threshold's bound applies to its value
 * and gap thresholds, never to a change threshold.
 *
 * <pre>{@code
 * {"metric": "auc", "value_threshold": {"lower_bound": 0.7},
 *  "change_threshold": {"absolute": -0.01, "direction": "HIGHER_IS_BETTER"}}
 * {"metric": "auc", "bound": "lower", "value_threshold": {"lower_bound": 0.7}}
 * {"metric": "false_negative_rate@0.5", "slice": "*", "gap_threshold": {"upper_bound": 0.05}}
 * {"metric": "false_negative_rate@0.5", "slice": "*", "bound": "lower", "gap_threshold": {"upper_bound": 0.05}}
 * }</pre>
 *
 * @param metric a scalar metric name, e.g. {@code auc}
 * @param slice the slice it applies to: {@code Overall} (default), a slice name such as
 *     {@code trip_start_hour=3}, or {@code *} for every reported slice
 * @param valueThreshold bounds on the candidate's value, or null
 * @param changeThreshold bounds on the change against the baseline, or null
 * @param bound which number of the slice the value and gap thresholds read: the estimate (default) or
 *     an end of its interval
 * @param gapThreshold bounds on (slice value - overall value), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricThreshold(String metric, String slice, ValueThreshold valueThreshold,
    ChangeThreshold changeThreshold, Bound bound, ValueThreshold gapThreshold) implements Serializable {
  public static final String ALL_SLICES = "*";

  public MetricThreshold(String metric, String slice, ValueThreshold valueThreshold, ChangeThreshold changeThreshold) {
    this(metric, slice, valueThreshold, changeThreshold, null, null);
  }

  public MetricThreshold {
    if (metric == null || metric.isBlank()) {
      throw new InvalidParameterException("A threshold needs a metric name, e.g. \"auc\"");
    }
    slice = slice == null || slice.isBlank() ? SliceKeys.OVERALL : slice;
    bound = bound == null ? Bound.VALUE : bound;
    if (valueThreshold == null && changeThreshold == null && gapThreshold == null) {
      throw new InvalidParameterException("Threshold on '" + metric
          + "' has no value_threshold, change_threshold or gap_threshold");
    }
    if (bound != Bound.VALUE && valueThreshold == null && gapThreshold == null) {
      throw new InvalidParameterException("Threshold on '" + metric + "' names bound '" + bound.configName()
          + "' but has no value_threshold or gap_threshold for it");
    }
  }

  public static MetricThreshold value(String metric, Double lowerBound, Double upperBound) {
    return new MetricThreshold(metric, null, new ValueThreshold(lowerBound, upperBound), null);
  }

  public static MetricThreshold change(String metric, Direction direction, Double absolute, Double relative) {
    return new MetricThreshold(metric, null, null, new ChangeThreshold(absolute, relative, direction));
  }

  /** The slice's value minus the overall value must be within [lower, upper] (either may be null). */
  public static MetricThreshold gap(String metric, Double lower, Double upper) {
    return new MetricThreshold(metric, ALL_SLICES, null, null, null, new ValueThreshold(lower, upper));
  }

  public MetricThreshold onSlice(String slice) {
    return new MetricThreshold(metric, slice, valueThreshold, changeThreshold, bound, gapThreshold);
  }

  /** Checks the value threshold against this end of the metric's confidence interval. */
  public MetricThreshold onBound(Bound which) {
    return new MetricThreshold(metric, slice, valueThreshold, changeThreshold, which, gapThreshold);
  }

  /** The number a value threshold reads. */
  public enum Bound {
    VALUE, LOWER, UPPER;

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Bound parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("Unknown bound '" + name + "': expected value, lower or upper");
      }
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Which way a metric improves. */
  public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER }

  /** Inclusive bounds; null = unbounded on that side. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ValueThreshold(Double lowerBound, Double upperBound) implements Serializable {
    public ValueThreshold {
      if (lowerBound == null && upperBound == null) {
        throw new InvalidParameterException("value_threshold needs lower_bound, upper_bound or both");
      }
      if (lowerBound != null && upperBound != null && lowerBound > upperBound) {
        throw new InvalidParameterException("value_threshold lower_bound " + lowerBound
            + " is above upper_bound " + upperBound);
      }
    }
  }

  /** Bounds on candidate - baseline (absolute) and on that over the baseline (relative). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ChangeThreshold(Double absolute, Double relative, Direction direction) implements Serializable {
    public ChangeThreshold {
      if (absolute == null && relative == null) {
        throw new InvalidParameterException("change_threshold needs absolute, relative or both");
      }
      if (direction == null) {
        throw new InvalidParameterException("change_threshold needs a direction: HIGHER_IS_BETTER or LOWER_IS_BETTER");
      }
    }
  }
}
