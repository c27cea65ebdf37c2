package io.beamline.core.schema;

/**
 * Constraints on a whole data set, as schema.proto's {@code DatasetConstraints}. Null means not set.
 *
 * @param minFractionThreshold {@code num_examples_drift_comparator.min_fraction_threshold}: this
 *     span's example count divided by the previous span's must be at least this
 * @param maxFractionThreshold {@code num_examples_drift_comparator.max_fraction_threshold}: ... at
 *     most this
 * @param minExamplesCount {@code min_examples_count}
 * @param maxExamplesCount {@code max_examples_count}
 */
public record DatasetConstraints(
    Double minFractionThreshold, Double maxFractionThreshold, Long minExamplesCount, Long maxExamplesCount) {}
