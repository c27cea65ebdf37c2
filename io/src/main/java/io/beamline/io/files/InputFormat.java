package io.beamline.io.files;

import io.beamline.core.InvalidParameterException;
import java.util.Locale;

/** The format of ExampleGen's input files; {@link #AUTO} decides from the file name extension. */
public enum InputFormat {
  AUTO,
  CSV,
  PARQUET,
  AVRO,
  TFRECORD;

  /** Parses a command-line spelling ({@code csv}, {@code parquet}, {@code avro}, {@code tfrecord}, {@code auto}). */
  public static InputFormat parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("Input format '" + text
          + "' is not known; use csv, parquet, avro, tfrecord or auto");
    }
  }

  /**
   * The format a file name implies: {@code .csv}/{@code .tsv} (optionally {@code .gz}), {@code .parquet},
   * {@code .avro}, {@code .tfrecord}/{@code .tfrecords} (optionally {@code .gz}) and TFX's own
   * {@code data_tfrecord-*.gz}; empty when the name says nothing.
   */
  public static InputFormat fromFileName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String bare = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    if (bare.endsWith(".csv") || bare.endsWith(".tsv")) {
      return CSV;
    }
    if (bare.endsWith(".parquet")) {
      return PARQUET;
    }
    if (bare.endsWith(".avro")) {
      return AVRO;
    }
    if (bare.endsWith(".tfrecord") || bare.endsWith(".tfrecords") || name.startsWith("data_tfrecord")) {
      return TFRECORD;
    }
    return AUTO;
  }
}
