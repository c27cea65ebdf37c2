package io.beamline.validator;

/** How drift against baseline statistics is judged. */
public enum DriftMode {
  /** Only the comparators the schema configures (TFDV's behaviour), plus any opted-in Beamline thresholds. */
  SCHEMA,
  /**
   * Every feature in both data sets gets a test chosen by its kind and sample size, with thresholds
   * that account for sampling noise, and the data set gets a verdict (share of drifted features).
   */
  AUTO
}
