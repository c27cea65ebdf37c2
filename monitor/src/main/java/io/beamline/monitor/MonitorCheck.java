package io.beamline.monitor;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.monitoring.MetricRef;
import io.beamline.core.monitoring.StatisticRef;

/**
 * One series the Monitor watches and the detector that judges its newest point.
 *
 * @param series a statistic ({@code fare:mean}, {@code payment_type:top_share=Cash},
 *     {@code fare:drift}, {@code num_examples}) or, prefixed {@value #METRIC_PREFIX}, an evaluation
 *     metric ({@code metric:auc}, {@code metric:auc@worst})
 * @param detector a detector as {@link Detectors#parse} reads it, e.g. {@code online_normal(3,3)}
 */
public record MonitorCheck(String series, String detector) {
  public static final String METRIC_PREFIX = "metric:";

  public MonitorCheck {
    if (series == null || series.isBlank()) {
      throw new InvalidParameterException("A monitor check needs a series, e.g. fare:mean or metric:auc");
    }
    Detectors.parse(detector); // fail when configured, not when run
    if (isMetric(series)) {
      MetricRef.parse(series.substring(METRIC_PREFIX.length()));
    } else {
      StatisticRef.parse(series);
    }
  }

  /** Parses {@code SERIES~DETECTOR}, e.g. {@code fare:mean~online_normal(3,3)} (the command line's form). */
  public static MonitorCheck parse(String text) {
    int sep = text.indexOf('~');
    if (sep <= 0) {
      throw new InvalidParameterException("Expected SERIES~DETECTOR, e.g. fare:mean~relative_change(0.8,1.25), got '"
          + text + "'");
    }
    return new MonitorCheck(text.substring(0, sep).trim(), text.substring(sep + 1).trim());
  }

  private static boolean isMetric(String series) {
    return series.startsWith(METRIC_PREFIX);
  }

  boolean metric() {
    return isMetric(series);
  }

  StatisticRef statistic() {
    return StatisticRef.parse(series);
  }

  MetricRef metricRef() {
    return MetricRef.parse(series.substring(METRIC_PREFIX.length()));
  }
}
