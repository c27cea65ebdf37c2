/**
 * The Monitor component: checks a new span's statistics (and a model's evaluation) against their
 * history with anomaly {@link io.beamline.monitor.Detector}s, and measures drift between spans
 * from the sketches StatisticsGen keeps ({@link io.beamline.monitor.DriftTests}).
 */
package io.beamline.monitor;
