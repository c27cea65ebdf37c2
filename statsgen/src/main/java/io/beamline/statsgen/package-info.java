/**
 * StatisticsGen: per-split feature statistics computed by mergeable, bounded-memory accumulators
 * over Arrow batches, as a Beam {@code CombineFn}, a plain library call and a pipeline component.
 */
package io.beamline.statsgen;
