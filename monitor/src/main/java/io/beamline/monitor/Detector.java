package io.beamline.monitor;

import java.util.List;

/**
 * Finds anomalous points of a series, as Deequ's anomaly detection strategies do: each point from
 * {@code from} on is judged against the points before it. NaN values (a statistic the span did not
 * have) are never anomalous and never part of a fit.
 *
 * <pre>{@code
 * Detector d = Detectors.parse("online_normal(3,3)");
 * List<Detection> found = d.detect(series.values(), series.size() - 1);   // the newest point only
 * }</pre>
 */
public interface Detector {
  /**
   * @param values the series, oldest first
   * @param from the first index to judge (0 judges every point)
   * @return the anomalous points among {@code values[from..]}, in order
   */
  List<Detection> detect(double[] values, int from);

  /** The detector as written in a configuration, e.g. {@code threshold(0,100)}. */
  String describe();
}
