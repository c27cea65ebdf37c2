package io.beamline.core.monitoring;

import java.util.List;
import java.util.Objects;

/**
 * The values of one statistic or metric over time, oldest first.
 *
 * <pre>{@code
 * Series fare = new Series("fare:mean", points);
 * double[] v = fare.values();
 * }</pre>
 *
 * @param name what the values are, e.g. {@code fare:mean} or {@code auc@Overall}
 * @param points the values, oldest first
 */
public record Series(String name, List<SeriesPoint> points) {
  public Series {
    Objects.requireNonNull(name, "name");
    points = List.copyOf(points);
  }

  /** The values alone, oldest first. */
  public double[] values() {
    return points.stream().mapToDouble(SeriesPoint::value).toArray();
  }

  public int size() {
    return points.size();
  }

  /** This series with {@code point} added at the end. */
  public Series plus(SeriesPoint point) {
    var next = new java.util.ArrayList<>(points);
    next.add(point);
    return new Series(name, next);
  }
}
