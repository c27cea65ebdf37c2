/**
 * StatisticsGen: per-split feature statistics computed by mergeable, bounded-memory accumulators
 * over Arrow batches, as a Beam {@code CombineFn}, a plain library call and a pipeline component;
 * optionally weighted by a weight feature and sliced by feature values, all in one pass.
 */
package io.beamline.statsgen;
