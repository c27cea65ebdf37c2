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
 * <pre>{@code
 * {"metric": "auc", "value_threshold": {"lower_bound": 0.7},
 *  "change_threshold": {"absolute": -0.01, "direction": "HIGHER_IS_BETTER"}}
 * }</pre>
 *
 * @param metric a scalar metric name, e.g. {@code auc}
 * @param slice the slice it applies to: {@code Overall} (default), a slice name such as
 *     {@code trip_start_hour=3}, or {@code *} for every reported slice
 * @param valueThreshold bounds on the candidate's value, or null
 * @param changeThreshold bounds on the change against the baseline, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricThreshold(String metric, String slice, ValueThreshold valueThreshold,
    ChangeThreshold changeThreshold) implements Serializable {
  public static final String ALL_SLICES = "*";

  public MetricThreshold {
    if (metric == null || metric.isBlank()) {
      throw new InvalidParameterException("A threshold needs a metric name, e.g. \"auc\"");
    }
    slice = slice == null || slice.isBlank() ? SliceKeys.OVERALL : slice;
    if (valueThreshold == null && changeThreshold == null) {
      throw new InvalidParameterException("Threshold on '" + metric
          + "' has neither a value_threshold nor a change_threshold");
    }
  }

  public static MetricThreshold value(String metric, Double lowerBound, Double upperBound) {
    return new MetricThreshold(metric, null, new ValueThreshold(lowerBound, upperBound), null);
  }

  public static MetricThreshold change(String metric, Direction direction, Double absolute, Double relative) {
    return new MetricThreshold(metric, null, null, new ChangeThreshold(absolute, relative, direction));
  }

  public MetricThreshold onSlice(String slice) {
    return new MetricThreshold(metric, slice, valueThreshold, changeThreshold);
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
