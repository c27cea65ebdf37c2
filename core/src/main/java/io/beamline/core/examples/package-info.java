/** Examples on disk (TFRecord of tf.Example, Parquet) and in memory (Arrow record batches). */
package io.beamline.core.examples;
