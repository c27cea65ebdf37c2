package io.beamline.monitor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Per-example skew of one feature over the joined (training, serving) pairs, counted as TFDV's
 * feature skew detector counts it: a pair where the feature has values on both sides counts in both
 * {@code trainingCount} and {@code servingCount} and is a match or a mismatch; values on one side only
 * count as {@code trainingOnly} or {@code servingOnly}; present with no values on both sides is a match.
 * A pair where neither example has the feature does not count.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(value = "diff_count", allowGetters = true) // derived: written for readers, not read back
public record FeatureSkewCount(String feature, long trainingCount, long servingCount, long matchCount,
    long trainingOnly, long servingOnly, long mismatchCount) {

  /** Pairs that disagree on the feature: one side only, or different values. */
  @JsonProperty("diff_count")
  public long diffCount() {
    return trainingOnly + servingOnly + mismatchCount;
  }
}
