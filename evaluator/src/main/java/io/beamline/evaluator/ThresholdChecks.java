package io.beamline.evaluator;

import io.beamline.evaluator.MetricThreshold.Bound;
import io.beamline.evaluator.MetricThreshold.ChangeThreshold;
import io.beamline.evaluator.MetricThreshold.Direction;
import io.beamline.evaluator.MetricThreshold.ValueThreshold;
import io.beamline.evaluator.metrics.MetricsResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks thresholds against reported slices; see {@link MetricThreshold} for the semantics. */
final class ThresholdChecks {
  private ThresholdChecks() {}

  /**
   * @param candidate the candidate's reported slices by name
   * @param baseline the baseline's reported slices by name, or null without a baseline model
   */
  static ValidationResult check(List<MetricThreshold> thresholds, Map<String, MetricsResult> candidate,
      Map<String, MetricsResult> baseline) {
    if (thresholds.isEmpty()) {
      return new ValidationResult(ValidationResult.Status.NOT_VALIDATED, List.of(),
          List.of("No thresholds are configured: the model is not validated and not blessed."));
    }
    List<ValidationResult.Failure> failures = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int skippedChanges = 0;
    for (MetricThreshold t : thresholds) {
      List<String> slices = MetricThreshold.ALL_SLICES.equals(t.slice())
          ? List.copyOf(candidate.keySet()) : List.of(t.slice());
      for (String slice : slices) {
        MetricsResult c = candidate.get(slice);
        if (c == null) {
          failures.add(new ValidationResult.Failure(t.metric(), slice, describe(t), null, null,
              "Slice '" + slice + "' is not in the evaluation (no examples, or below min_slice_size)"));
          continue;
        }
        Double value = c.values().get(t.metric());
        if (t.valueThreshold() != null) {
          checkValue(t, slice, c, failures, notes);
        }
        if (t.gapThreshold() != null) {
          MetricsResult overall = candidate.get(SliceKeys.OVERALL);
          checkGap(t, slice, c, overall == null ? null : overall.values().get(t.metric()), failures, notes);
        }
        if (t.changeThreshold() != null) {
          if (baseline == null) {
            skippedChanges++;
            continue;
          }
          MetricsResult b = baseline.get(slice);
          checkChange(t, slice, value, b == null ? null : b.values().get(t.metric()), failures);
        }
      }
    }
    if (skippedChanges > 0) {
      notes.add("No baseline model: " + skippedChanges + " change threshold check(s) skipped.");
    }
    return new ValidationResult(failures.isEmpty() ? ValidationResult.Status.OK : ValidationResult.Status.FAILED,
        failures, notes);
  }

  private static void checkValue(MetricThreshold t, String slice, MetricsResult metrics,
      List<ValidationResult.Failure> failures, List<String> notes) {
    ValueThreshold v = t.valueThreshold();
    String condition = describeValue(v);
    Checked checked = read(t, slice, metrics, condition, failures);
    if (checked == null) {
      return;
    }
    if (t.bound() != Bound.VALUE) {
      notes.add("Checked " + checked.what() + " against " + condition + ".");
    }
    if (!within(v, checked.value())) {
      failures.add(new ValidationResult.Failure(t.metric(), slice, condition, checked.value(), null,
          checked.what() + " is " + checked.value() + ", expected " + condition));
    }
  }

  /** The number a threshold reads on a slice and how to name it, e.g. "the lower bound of auc on Overall (...)". */
  private record Checked(double value, String what) {}

  /**
   * The slice's estimate of the threshold's metric, or the end of its interval the threshold names;
   * null (and a failure saying why) when the metric or its interval is missing on the slice.
   */
  private static Checked read(MetricThreshold t, String slice, MetricsResult metrics, String condition,
      List<ValidationResult.Failure> failures) {
    Double value = metrics.values().get(t.metric());
    if (value == null) {
      failures.add(new ValidationResult.Failure(t.metric(), slice, condition, null, null,
          "Metric '" + t.metric() + "' is undefined on slice '" + slice + "'"));
      return null;
    }
    if (t.bound() == Bound.VALUE) {
      return new Checked(value, t.metric() + " on " + slice);
    }
    MetricsResult.ConfidenceInterval ci = metrics.confidenceIntervals().get(t.metric());
    if (ci == null) {
      failures.add(new ValidationResult.Failure(t.metric(), slice, condition, value, null,
          "Metric '" + t.metric() + "' has no confidence interval on slice '" + slice + "' to take the "
              + t.bound().configName() + " bound of (turn on confidence_intervals)"));
      return null;
    }
    return new Checked(t.bound() == Bound.LOWER ? ci.lower() : ci.upper(), "the " + t.bound().configName()
        + " bound of " + t.metric() + " on " + slice + " (" + ci.lower() + " to " + ci.upper() + ", estimate " + value + ")");
  }

  private static boolean within(ValueThreshold v, double value) {
    return (v.lowerBound() == null || value >= v.lowerBound()) && (v.upperBound() == null || value <= v.upperBound());
  }

  /**
   * Fairness across slices: the slice's value (or the end of its interval the threshold names) minus
   * the overall estimate must be within the gap bounds.
   */
  private static void checkGap(MetricThreshold t, String slice, MetricsResult metrics, Double overall,
      List<ValidationResult.Failure> failures, List<String> notes) {
    String condition = "slice - Overall " + describeValue(t.gapThreshold()).substring("value ".length());
    if (overall == null) {
      failures.add(new ValidationResult.Failure(t.metric(), slice, condition, metrics.values().get(t.metric()), null,
          "Metric '" + t.metric() + "' is undefined on slice '" + SliceKeys.OVERALL + "'"));
      return;
    }
    Checked checked = read(t, slice, metrics, condition, failures);
    if (checked == null) {
      return;
    }
    double gap = checked.value() - overall;
    if (t.bound() != Bound.VALUE) {
      notes.add("Checked " + checked.what() + " against " + condition + " (overall " + overall + ").");
    }
    if (!within(t.gapThreshold(), gap)) {
      failures.add(new ValidationResult.Failure(t.metric(), slice, condition, checked.value(), null,
          checked.what() + " is " + checked.value() + ", " + gap + " from the overall " + overall
              + ", expected " + condition));
    }
  }

  private static void checkChange(MetricThreshold t, String slice, Double value, Double base,
      List<ValidationResult.Failure> failures) {
    ChangeThreshold ch = t.changeThreshold();
    String condition = describeChange(ch);
    if (value == null || base == null) {
      failures.add(new ValidationResult.Failure(t.metric(), slice, condition, value, base,
          "Metric '" + t.metric() + "' is undefined on slice '" + slice + "' for the "
              + (value == null ? "candidate" : "baseline")));
      return;
    }
    double diff = value - base;
    boolean higher = ch.direction() == Direction.HIGHER_IS_BETTER;
    List<String> broken = new ArrayList<>();
    if (ch.absolute() != null && !(higher ? diff >= ch.absolute() : diff <= ch.absolute())) {
      broken.add("change " + diff + (higher ? " < " : " > ") + ch.absolute());
    }
    if (ch.relative() != null) {
      double relative = base == 0 ? (diff == 0 ? 0 : Math.signum(diff) * Double.POSITIVE_INFINITY) : diff / Math.abs(base);
      if (!(higher ? relative >= ch.relative() : relative <= ch.relative())) {
        broken.add("relative change " + relative + (higher ? " < " : " > ") + ch.relative());
      }
    }
    if (!broken.isEmpty()) {
      failures.add(new ValidationResult.Failure(t.metric(), slice, condition, value, base,
          t.metric() + " on " + slice + " is " + value + " against baseline " + base + ": "
              + String.join(", ", broken)));
    }
  }

  static String describe(MetricThreshold t) {
    List<String> parts = new ArrayList<>();
    if (t.valueThreshold() != null) {
      parts.add(describeValue(t.valueThreshold()));
    }
    if (t.changeThreshold() != null) {
      parts.add(describeChange(t.changeThreshold()));
    }
    if (t.gapThreshold() != null) {
      parts.add("slice - Overall " + describeValue(t.gapThreshold()).substring("value ".length()));
    }
    return String.join(" and ", parts);
  }

  private static String describeValue(ValueThreshold v) {
    if (v.lowerBound() != null && v.upperBound() != null) {
      return "value in [" + v.lowerBound() + ", " + v.upperBound() + "]";
    }
    return v.lowerBound() != null ? "value >= " + v.lowerBound() : "value <= " + v.upperBound();
  }

  private static String describeChange(ChangeThreshold c) {
    String op = c.direction() == Direction.HIGHER_IS_BETTER ? " >= " : " <= ";
    List<String> parts = new ArrayList<>();
    if (c.absolute() != null) {
      parts.add("candidate - baseline" + op + c.absolute());
    }
    if (c.relative() != null) {
      parts.add("(candidate - baseline) / |baseline|" + op + c.relative());
    }
    return String.join(" and ", parts);
  }
}
