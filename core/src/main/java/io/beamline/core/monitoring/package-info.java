/**
 * Monitoring over time: a {@link io.beamline.core.monitoring.Series} of one number per span or run,
 * and the references that say which number ({@link io.beamline.core.monitoring.StatisticRef} for a
 * feature statistic, {@link io.beamline.core.monitoring.MetricRef} for an evaluation metric).
 */
package io.beamline.core.monitoring;
