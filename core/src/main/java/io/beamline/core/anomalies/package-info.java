/**
 * The result of validating statistics against a schema, as values named after TensorFlow
 * Metadata's anomalies.proto, and their {@code anomalies.json} form.
 */
package io.beamline.core.anomalies;
