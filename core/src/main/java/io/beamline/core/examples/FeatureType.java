package io.beamline.core.examples;

/**
 * The value type of a feature, as tf.Example stores it: a list of 64-bit integers, of 32-bit floats,
 * or of byte strings. Names follow TensorFlow Metadata's schema ({@code INT}, {@code FLOAT},
 * {@code BYTES}); statistics report a BYTES feature whose values are valid UTF-8 as {@code STRING}.
 */
public enum FeatureType {
  INT,
  FLOAT,
  BYTES;

  /** The narrowest type holding both: INT and FLOAT widen to FLOAT, anything with BYTES is BYTES. */
  public FeatureType widen(FeatureType other) {
    if (this == other) {
      return this;
    }
    if (this == BYTES || other == BYTES) {
      return BYTES;
    }
    return FLOAT;
  }
}
