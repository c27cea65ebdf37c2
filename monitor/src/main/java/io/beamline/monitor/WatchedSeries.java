package io.beamline.monitor;

import io.beamline.core.monitoring.Series;
import io.beamline.core.monitoring.SeriesPoint;
import java.util.List;

/**
 * A series and the points a detector flagged in it: what {@code beamline history --format json}
 * prints and the dashboard's history page draws.
 *
 * @param name the series, e.g. {@code fare:mean}
 * @param points its points, oldest first
 * @param detector the detector as written, or null when none was run
 * @param anomalies the flagged points (indexes into {@code points}), empty without a detector
 */
public record WatchedSeries(String name, List<SeriesPoint> points, String detector, List<Detection> anomalies) {
  public WatchedSeries {
    points = List.copyOf(points);
    anomalies = List.copyOf(anomalies);
  }

  /** Runs {@code detector} (may be null) over every point of {@code series}. */
  public static WatchedSeries of(Series series, Detector detector) {
    return new WatchedSeries(series.name(), series.points(), detector == null ? null : detector.describe(),
        detector == null ? List.of() : detector.detect(series.values(), 0));
  }
}
