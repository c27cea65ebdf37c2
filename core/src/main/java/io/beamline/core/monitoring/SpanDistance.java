package io.beamline.core.monitoring;

import java.util.OptionalDouble;

/**
 * How far one feature moved between two statistics artifacts, for {@code FEATURE:drift} series:
 * whoever can compare two spans (the monitor module, from the kept sketches) provides it to whoever
 * builds series (the store's history), which cannot depend on it.
 */
@FunctionalInterface
public interface SpanDistance {
  /**
   * @param currentUri the later ExampleStatistics artifact
   * @param baselineUri the earlier one
   * @param split the split compared
   * @param feature the feature
   * @return the distance, empty when the feature cannot be compared (absent on a side)
   */
  OptionalDouble between(String currentUri, String baselineUri, String split, String feature);
}
