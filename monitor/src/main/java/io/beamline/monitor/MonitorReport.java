package io.beamline.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.monitoring.SeriesPoint;
import java.util.List;

/**
 * What the Monitor found, written as {@code monitor.json} in the MonitorAnomalies artifact.
 *
 * @param span the span checked (-1 when its statistics carry none)
 * @param baselineSpan the span drift was measured against; null without history
 * @param checks each configured check: its series (history then this span) and what its detector found
 * @param drift the feature-by-feature comparison with the previous span; null when not run
 * @param notes why a check or the drift comparison could not run (e.g. no evaluation given)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MonitorReport(long span, Long baselineSpan, List<CheckResult> checks, DatasetDrift drift,
    List<String> notes) {
  public MonitorReport {
    checks = List.copyOf(checks);
    notes = List.copyOf(notes);
  }

  /**
   * One check's outcome.
   *
   * @param series the series watched
   * @param detector its detector
   * @param points the series, oldest first, this span last
   * @param anomalies the anomalous points among the newest (empty when it is normal)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CheckResult(String series, String detector, List<SeriesPoint> points, List<Detection> anomalies) {
    public CheckResult {
      points = List.copyOf(points);
      anomalies = List.copyOf(anomalies);
    }
  }

  public long detections() {
    return checks.stream().mapToLong(c -> c.anomalies().size()).sum();
  }

  public boolean driftDetected() {
    return drift != null && drift.drifted();
  }

  /** A few lines for a terminal: each anomaly with its reason, the drift verdict. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (CheckResult c : checks) {
      for (Detection d : c.anomalies()) {
        out.append(c.series()).append(" [").append(c.detector()).append("]: ").append(d.reason()).append('\n');
      }
    }
    if (drift != null) {
      out.append(String.format(java.util.Locale.ROOT, "drift vs span %s: %s (%d of %d features drifted: %s)%n",
          baselineSpan, drift.drifted() ? "DRIFTED" : "stable", drift.driftedFeatures().size(),
          drift.features().stream().filter(f -> !f.test().equals("NONE")).count(), drift.driftedFeatures()));
    }
    notes.forEach(n -> out.append("note: ").append(n).append('\n'));
    return out.toString();
  }
}
