package io.beamline.core.anomalies;

/** How bad an anomaly is, as anomalies.proto's {@code AnomalyInfo.Severity}. */
public enum Severity {
  UNKNOWN,
  WARNING,
  ERROR
}
