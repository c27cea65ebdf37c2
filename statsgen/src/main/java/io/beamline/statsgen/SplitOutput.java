package io.beamline.statsgen;

import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.FeatureSketches;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a split's statistics pass writes: the statistics (whole split and slices) and the whole
 * split's sketches, extracted from the same final accumulator.
 */
record SplitOutput(DatasetFeatureStatisticsList statistics, FeatureSketches sketches) implements Serializable {
  SplitOutput {
    Objects.requireNonNull(statistics, "statistics");
    Objects.requireNonNull(sketches, "sketches");
  }

  static SplitOutput of(SlicedAccumulator accumulator) {
    return new SplitOutput(accumulator.toStatistics(), accumulator.whole().toSketches());
  }
}
