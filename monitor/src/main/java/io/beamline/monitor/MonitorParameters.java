package io.beamline.monitor;

import io.beamline.core.InvalidParameterException;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of {@link Monitor}.
 *
 * @param split the split whose statistics are watched (default {@code train})
 * @param checks the series to watch and their detectors (default none)
 * @param checkDrift whether to compare the span with the previous one feature by feature
 *     ({@link DriftTests}; default true)
 * @param drift how drift is judged (default {@link DriftSettings#defaults()})
 * @param ignoredFeatures features left out of the drift comparison (default none): time columns
 *     such as a timestamp or a month move from span to span by definition
 */
public record MonitorParameters(String split, List<MonitorCheck> checks, boolean checkDrift, DriftSettings drift,
    List<String> ignoredFeatures) {
  public MonitorParameters {
    if (split == null || split.isBlank()) {
      throw new InvalidParameterException("split must be a split name, got '" + split + "'");
    }
    checks = List.copyOf(checks);
    Objects.requireNonNull(drift, "drift");
    ignoredFeatures = List.copyOf(ignoredFeatures);
  }

  public static MonitorParameters defaults() {
    return new MonitorParameters("train", List.of(), true, DriftSettings.defaults(), List.of());
  }

  public MonitorParameters withSplit(String name) {
    return new MonitorParameters(name, checks, checkDrift, drift, ignoredFeatures);
  }

  public MonitorParameters withChecks(List<MonitorCheck> list) {
    return new MonitorParameters(split, list, checkDrift, drift, ignoredFeatures);
  }

  public MonitorParameters withCheckDrift(boolean on) {
    return new MonitorParameters(split, checks, on, drift, ignoredFeatures);
  }

  public MonitorParameters withIgnoredFeatures(List<String> features) {
    return new MonitorParameters(split, checks, checkDrift, drift, features);
  }

  public MonitorParameters withDrift(DriftSettings settings) {
    return new MonitorParameters(split, checks, checkDrift, settings, ignoredFeatures);
  }
}
