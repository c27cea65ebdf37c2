/**
 * Statistics against a schema: anomalies named as in anomalies.proto, drift against a previous
 * span and skew against serving data ({@link io.beamline.validator.Validation},
 * {@link io.beamline.validator.ExampleValidator}, {@link io.beamline.validator.DataAssertions}), and the
 * examples that break a schema ({@link io.beamline.validator.RowValidator}).
 */
package io.beamline.validator;
