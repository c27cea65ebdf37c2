package io.beamline.validator;

import static io.beamline.validator.SchemaChecks.error;
import static io.beamline.validator.SchemaChecks.fmt;

import io.beamline.core.anomalies.AnomalyType;
import io.beamline.core.anomalies.Measurement;
import io.beamline.core.anomalies.Reason;
import io.beamline.core.schema.DatasetConstraints;
import io.beamline.core.schema.Feature;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import java.util.List;
import java.util.Optional;

/** Drift (against previous statistics) and skew (against serving statistics) of one feature. */
final class DriftChecks {
  /** Fewer values than this on either side and AUTO mode does not judge the feature. */
  static final double AUTO_MIN_VALUES = 30;
  /** AUTO: the smallest distance called drift however many examples there are (practical effect). */
  static final double AUTO_EFFECT_FLOOR = 0.1;
  /** Kolmogorov-Smirnov critical constant c(alpha) for alpha = 0.001: sqrt(-ln(alpha / 2) / 2). */
  static final double KS_C_ALPHA = Math.sqrt(-Math.log(0.0005) / 2);
  /** Two-sided z for alpha = 0.001, for the L-infinity noise bound of AUTO mode. */
  static final double Z_ALPHA = 3.29;

  private DriftChecks() {}

  /** What one comparison found: the measures (all reported) and the reasons (those over threshold). */
  record Outcome(List<Measurement> measurements, List<Reason> reasons, boolean evaluated) {}

  /** The schema's comparator thresholds plus the opted-in Beamline numeric thresholds. */
  static Outcome configured(String what, Feature.Comparator comparator, FeatureNameStatistics current,
      FeatureNameStatistics control, ExampleValidatorParameters p) {
    java.util.ArrayList<Measurement> ms = new java.util.ArrayList<>();
    java.util.ArrayList<Reason> rs = new java.util.ArrayList<>();
    if (control == null) {
      if (comparator != null && !comparator.isEmpty()) {
        rs.add(error(AnomalyType.COMPARATOR_CONTROL_DATA_MISSING, "Missing " + what + " data",
            "The " + what + " statistics have no feature '" + current.name() + "' to compare with."));
      }
      return new Outcome(ms, rs, false);
    }
    Optional<Distributions.Aligned> aligned = Distributions.align(current, control);
    if (aligned.isEmpty()) {
      return new Outcome(ms, rs, false);
    }
    Distributions.Aligned a = aligned.get();
    if (comparator != null) {
      check(ms, rs, what, "L_INFTY", "L-infinity distance", AnomalyType.COMPARATOR_L_INFTY_HIGH,
          Distributions.lInfinity(a), comparator.infinityNorm());
      check(ms, rs, what, "JENSEN_SHANNON_DIVERGENCE", "Jensen-Shannon divergence",
          AnomalyType.COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH, Distributions.jensenShannon(a),
          comparator.jensenShannonDivergence());
      check(ms, rs, what, "NORMALIZED_ABSOLUTE_DIFFERENCE", "normalized absolute difference",
          AnomalyType.COMPARATOR_NORMALIZED_ABSOLUTE_DIFFERENCE_HIGH, Distributions.normalizedAbsDifference(a),
          comparator.normalizedAbsDifference());
    }
    if (a.numeric()) {
      check(ms, rs, what, "KOLMOGOROV_SMIRNOV", "Kolmogorov-Smirnov statistic",
          AnomalyType.COMPARATOR_KOLMOGOROV_SMIRNOV_HIGH, Distributions.kolmogorovSmirnov(a), p.ksThreshold());
      Histogram hc = Distributions.quantiles(current).orElseThrow();
      Histogram hb = Distributions.quantiles(control).orElseThrow();
      check(ms, rs, what, "POPULATION_STABILITY_INDEX", "population stability index",
          AnomalyType.COMPARATOR_POPULATION_STABILITY_INDEX_HIGH, Distributions.populationStability(hc, hb),
          p.psiThreshold());
      check(ms, rs, what, "NORMALIZED_WASSERSTEIN", "normalized Wasserstein distance",
          AnomalyType.COMPARATOR_NORMALIZED_WASSERSTEIN_HIGH,
          Distributions.normalizedWasserstein(a, scale(control)), p.wassersteinThreshold());
    }
    return new Outcome(ms, rs, true);
  }

  /**
   * AUTO mode: categorical features by L-infinity distance, numeric ones by the Kolmogorov-Smirnov
   * statistic, each flagged only above both a practical floor (0.1) and its sampling-noise bound at
   * alpha = 0.001, so small samples are not called drifted by chance and large ones not for trivia.
   */
  static Outcome auto(FeatureNameStatistics current, FeatureNameStatistics baseline) {
    if (baseline == null) {
      return new Outcome(List.of(), List.of(), false);
    }
    Optional<Distributions.Aligned> aligned = Distributions.align(current, baseline);
    if (aligned.isEmpty()) {
      return new Outcome(List.of(), List.of(), false);
    }
    Distributions.Aligned a = aligned.get();
    double n = a.totalP();
    double m = a.totalQ();
    if (n < AUTO_MIN_VALUES || m < AUTO_MIN_VALUES) {
      return new Outcome(List.of(), List.of(), false);
    }
    double noise = Math.sqrt((n + m) / (n * m));
    java.util.ArrayList<Measurement> ms = new java.util.ArrayList<>();
    java.util.ArrayList<Reason> rs = new java.util.ArrayList<>();
    if (a.numeric()) {
      double threshold = Math.max(AUTO_EFFECT_FLOOR, KS_C_ALPHA * noise);
      check(ms, rs, "previous", "KOLMOGOROV_SMIRNOV", "Kolmogorov-Smirnov statistic",
          AnomalyType.COMPARATOR_KOLMOGOROV_SMIRNOV_HIGH, Distributions.kolmogorovSmirnov(a), threshold);
    } else {
      // A proportion's standard error is at most 0.5 * sqrt(1/n + 1/m).
      double threshold = Math.max(AUTO_EFFECT_FLOOR, Z_ALPHA * 0.5 * noise);
      check(ms, rs, "previous", "L_INFTY", "L-infinity distance", AnomalyType.COMPARATOR_L_INFTY_HIGH,
          Distributions.lInfinity(a), threshold);
    }
    return new Outcome(ms, rs, true);
  }

  /** {@code num_examples_drift_comparator}: this span's example count over the previous span's. */
  static List<Reason> numExamples(DatasetConstraints d, long current, long previous) {
    if (d == null || previous == 0) {
      return List.of();
    }
    double ratio = (double) current / previous;
    if (d.minFractionThreshold() != null && ratio < d.minFractionThreshold()) {
      return List.of(error(AnomalyType.COMPARATOR_LOW_NUM_EXAMPLES, "Low num examples",
          "The ratio of num examples in the current dataset versus the previous span is " + fmt(ratio) + " ("
              + current + " / " + previous + "), below the threshold " + fmt(d.minFractionThreshold()) + "."));
    }
    if (d.maxFractionThreshold() != null && ratio > d.maxFractionThreshold()) {
      return List.of(error(AnomalyType.COMPARATOR_HIGH_NUM_EXAMPLES, "High num examples",
          "The ratio of num examples in the current dataset versus the previous span is " + fmt(ratio) + " ("
              + current + " / " + previous + "), above the threshold " + fmt(d.maxFractionThreshold()) + "."));
    }
    return List.of();
  }

  private static double scale(FeatureNameStatistics baseline) {
    var num = baseline.numStats();
    if (num.stdDev() != null && num.stdDev() > 0) {
      return num.stdDev();
    }
    return num.min() != null && num.max() != null ? num.max() - num.min() : 0;
  }

  private static void check(List<Measurement> ms, List<Reason> rs, String what, String type, String label,
      AnomalyType anomaly, double value, Double threshold) {
    boolean flagged = threshold != null && value > threshold;
    ms.add(new Measurement(type, value, threshold, flagged));
    if (flagged) {
      rs.add(error(anomaly, "High " + label,
          "The " + label + " between current and " + what + " is " + fmt(value) + ", above the threshold "
              + fmt(threshold) + "."));
    }
  }
}
