package io.beamline.io.files;

import io.beamline.core.InvalidParameterException;
import java.util.Locale;

/** The format of ExampleGen's input files; {@link #AUTO} decides from the file name extension. */
public enum InputFormat {
  AUTO,
  CSV,
  PARQUET,
  AVRO,
  TFRECORD,
  /** JSON lines of TF Serving REST requests ({@code {"instances": [...]}}), as a request logger writes them. */
  JSON;

  /** Parses a command-line spelling ({@code csv}, {@code parquet}, {@code avro}, {@code tfrecord}, {@code json}, {@code auto}). */
  public static InputFormat parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("Input format '" + text
          + "' is not known; use csv, parquet, avro, tfrecord, json or auto");
    }
  }

  /**
   * The format a file name implies: {@code .csv}/{@code .tsv} (optionally {@code .gz}), {@code .parquet},
   * {@code .avro}, {@code .tfrecord}/{@code .tfrecords}, {@code .json}/{@code .jsonl}/{@code .ndjson}
   * (these optionally {@code .gz}) and TFX's own
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
    if (bare.endsWith(".json") || bare.endsWith(".jsonl") || bare.endsWith(".ndjson")) {
      return JSON;
    }
    return AUTO;
  }
}
