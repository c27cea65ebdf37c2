/**
 * Examples on disk (TFX's layout: gzip'd TFRecord of tf.Example, or Parquet) and in memory (Arrow
 * batches, {@link io.beamline.core.examples.ExampleBatch}); {@link io.beamline.core.examples.ExamplesIO}
 * reads and writes them in Beam, {@link io.beamline.core.examples.Examples} without a pipeline.
 */
package io.beamline.core.examples;
