/**
 * Binary, multiclass and regression metrics with confidence intervals as mergeable accumulators,
 * usable in a Beam pipeline ({@code BinaryMetrics}, {@code BundleMetrics}) or directly ({@code
 * MetricsAccumulation}).
 */
package io.beamline.evaluator.metrics;
