/**
 * Binary-classification metrics as mergeable accumulators: a {@code CombineFn} over
 * (label, prediction, weight) triples, usable in a Beam pipeline or directly on a list.
 */
package io.beamline.evaluator.metrics;
