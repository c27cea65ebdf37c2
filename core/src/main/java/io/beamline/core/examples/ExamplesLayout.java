package io.beamline.core.examples;

import io.beamline.core.component.ArtifactUris;

/**
 * The on-disk layout of an Examples artifact, TFX's own so TFX Python reads ours and we read theirs:
 * {@code <uri>/Split-<name>/data_tfrecord-SSSSS-of-NNNNN.gz} (gzip'd TFRecord of tf.Example) or
 * {@code <uri>/Split-<name>/data_parquet-SSSSS-of-NNNNN.parquet}. Its properties are named in
 * {@link io.beamline.core.component.PropertyNames}.
 */
public final class ExamplesLayout {
  public static final String SPLIT_PREFIX = "Split-";
  public static final String TFRECORD_PREFIX = "data_tfrecord";
  public static final String PARQUET_PREFIX = "data_parquet";
  public static final String PARQUET_SUFFIX = ".parquet";
  /** Beam shard name template giving {@code -00000-of-00004}. */
  public static final String SHARD_TEMPLATE = "-SSSSS-of-NNNNN";


  public static final String FORMAT_TFRECORD = "tfrecord";
  public static final String FORMAT_PARQUET = "parquet";

  private ExamplesLayout() {}

  /** {@code <uri>/Split-<split>}. */
  public static String splitDir(String examplesUri, String split) {
    return ArtifactUris.child(examplesUri, SPLIT_PREFIX + split);
  }

  /** The glob matching every payload file of one split in the given format. */
  public static String splitGlob(String examplesUri, String split, String format) {
    String prefix = FORMAT_PARQUET.equals(format) ? PARQUET_PREFIX : TFRECORD_PREFIX;
    return ArtifactUris.childGlob(splitDir(examplesUri, split), prefix + "-*");
  }
}
