package io.beamline.io.columns;

/**
 * Receives one column's values from {@link FeatureColumns#pushColumn}. Presence comes in one of
 * three forms, so that a column whose rows hold one value each (a CSV cell) can report presence
 * in bulk; a sink must treat {@code presentOne(w)} as {@code present(1, w)} and
 * {@code presentOnes(n)} as {@code n} unweighted {@code present(1, 1)}.
 *
 * <p>Meant to have one implementation per consumer, so that the calls in the columns' hot loops
 * stay monomorphic.
 */
public interface ValueSink {
  /** One example of weight {@code weight} where the feature is present with {@code valueCount} values. */
  void present(int valueCount, double weight);

  /** One example of weight {@code weight} where the feature is present with one value. */
  void presentOne(double weight);

  /** {@code examples} unweighted examples where the feature is present with one value each. */
  void presentOnes(long examples);

  /** An INT value of an example of weight {@code weight}. */
  void addLong(long value, double weight);

  /** A FLOAT value of an example of weight {@code weight}. */
  void addFloat(float value, double weight);

  /** A BYTES value, as raw bytes (possibly not UTF-8), of an example of weight {@code weight}. */
  void addBytes(byte[] value, double weight);

  /** A BYTES value known to be ASCII (one byte per char), of an example of weight {@code weight}. */
  void addAscii(String value, double weight);
}
