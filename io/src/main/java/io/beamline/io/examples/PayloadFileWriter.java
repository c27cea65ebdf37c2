package io.beamline.io.examples;

import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.parquet.hadoop.ParquetWriter;
import org.tensorflow.proto.Example;

/**
 * Streams tf.Examples into one payload file (gzip'd TFRecord or Parquet) through Beam's
 * {@link FileSystems}, holding no more than the format's own buffers: a record for TFRecord, a row
 * group for Parquet. Used per bundle by {@link BundleFileWrite} and for the one empty file of an
 * empty split.
 */
abstract class PayloadFileWriter implements AutoCloseable {
  /** Buffer in front of the deflater (records arrive in small writes) and behind it. */
  private static final int BUFFER = 1 << 16;

  private final ResourceId file;
  private final WritableByteChannel channel;
  private long count;
  private boolean closed;

  private PayloadFileWriter(ResourceId file) throws IOException {
    this.file = file;
    this.channel = FileSystems.create(file, MimeTypes.BINARY);
  }

  /**
   * Opens {@code file} for the given format; Parquet needs {@code types} (checked by the caller),
   * TFRecord a gzip level (1-9).
   */
  static PayloadFileWriter open(ResourceId file, String format, Map<String, FeatureType> types, int gzipLevel)
      throws IOException {
    return ExamplesLayout.FORMAT_PARQUET.equals(format) ? new Parquet(file, types) : new TfRecord(file, gzipLevel);
  }

  final void write(Example example) throws IOException {
    append(example);
    count++;
  }

  /** Writes a tf.Example given as its serialized bytes (deterministic, as {@link ExampleCoder#serialize}). */
  final void writeSerialized(byte[] example) throws IOException {
    appendSerialized(example);
    count++;
  }

  /** Examples written so far. */
  final long count() {
    return count;
  }

  final ResourceId file() {
    return file;
  }

  /** Finishes the format (gzip trailer, Parquet footer) and closes the file. */
  @Override
  public final void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      finish();
    } finally {
      channel.close();
    }
  }

  /**
   * Closes and deletes the file, reporting nothing: used when the bundle that wrote it failed, so
   * the error worth reporting is the bundle's. A file this misses is deleted by the finalize step.
   */
  final void discard() {
    try {
      closed = true;
      channel.close();
      FileSystems.delete(List.of(file), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException ignored) {
      // Best effort: see above.
    }
  }

  abstract void append(Example example) throws IOException;

  abstract void appendSerialized(byte[] example) throws IOException;

  abstract void finish() throws IOException;

  /** Gzip'd TFRecord: one reused record buffer, buffered writes in front of the deflater. */
  private static final class TfRecord extends PayloadFileWriter {
    private final OutputStream out;
    private final TFRecords.RecordWriter records = new TFRecords.RecordWriter();

    TfRecord(ResourceId file, int gzipLevel) throws IOException {
      super(file);
      out = new BufferedOutputStream(new LeveledGzip(Channels.newOutputStream(channel()), gzipLevel), BUFFER);
    }

    @Override
    void append(Example example) throws IOException {
      records.write(out, example);
    }

    @Override
    void appendSerialized(byte[] example) throws IOException {
      records.write(out, example);
    }

    @Override
    void finish() throws IOException {
      // Flushes the buffer and writes the gzip trailer; closing the channel stream closes the channel,
      // which close() then closes again harmlessly.
      out.close();
    }
  }

  /** A gzip stream at a chosen level: the JDK's stream takes none, but its deflater is ours to set. */
  private static final class LeveledGzip extends GZIPOutputStream {
    LeveledGzip(OutputStream out, int level) throws IOException {
      super(out, BUFFER);
      def.setLevel(level);
    }
  }

  /** Parquet: one LIST column per feature ({@link ParquetExamples}), rows streamed into row groups. */
  private static final class Parquet extends PayloadFileWriter {
    private final ParquetWriter<Example> writer;

    Parquet(ResourceId file, Map<String, FeatureType> types) throws IOException {
      super(file);
      writer = ParquetExamples.writer(ChannelFiles.output(channel()), types);
    }

    @Override
    void append(Example example) throws IOException {
      writer.write(example);
    }

    @Override
    void appendSerialized(byte[] example) throws IOException {
      writer.write(Example.parseFrom(example)); // Parquet stores columns: the example is needed whole
    }

    @Override
    void finish() throws IOException {
      writer.close(); // writes the footer; the channel stays open for close() to close
    }
  }

  final WritableByteChannel channel() {
    return channel;
  }
}
