/**
 * Examples on disk (TFX's layout: gzip'd TFRecord of tf.Example, or Parquet) and in memory (Arrow
 * batches, {@link io.beamline.io.examples.ExampleBatch}); {@link io.beamline.io.examples.ExamplesIO}
 * reads and writes them in Beam, {@link io.beamline.io.examples.Examples} without a pipeline.
 */
package io.beamline.io.examples;
