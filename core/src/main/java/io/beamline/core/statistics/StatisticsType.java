package io.beamline.core.statistics;

/**
 * The type a feature's statistics report, as in statistics.proto's {@code FeatureNameStatistics.Type}:
 * a BYTES feature whose values are all valid UTF-8 is reported as {@code STRING}.
 */
public enum StatisticsType {
  INT,
  FLOAT,
  STRING,
  BYTES,
  STRUCT
}
