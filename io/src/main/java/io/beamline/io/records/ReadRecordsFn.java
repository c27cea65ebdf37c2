package io.beamline.io.records;

import io.beamline.io.files.InputFile;
import io.beamline.io.files.InputFormat;

import io.beamline.core.InvalidInputException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.SeekableInputStream;
import org.tensorflow.proto.Example;

/**
 * Reads one Avro or Parquet file (one file per element, so files are read in parallel), streaming its
 * records into tf.Examples keyed by the file's split. Corrupt files fail with the file named.
 */
public final class ReadRecordsFn extends DoFn<InputFile, KV<String, Example>> {
  private final InputFormat format;

  public ReadRecordsFn(InputFormat format) {
    this.format = format;
  }

  @ProcessElement
  public void process(@Element InputFile file, OutputReceiver<KV<String, Example>> out) {
    long count = 0;
    try {
      if (format == InputFormat.AVRO) {
        count = readAvro(file, out);
      } else {
        Configuration conf = new Configuration(false);
        // read Parquet lists as plain arrays of their elements, however the writer nested them
        conf.setBoolean(AvroReadSupport.AVRO_COMPATIBILITY, false);
        conf.setBoolean("parquet.avro.add-list-element-records", false);
        try (ParquetReader<GenericRecord> reader =
                 AvroParquetReader.<GenericRecord>builder(new BeamInputFile(file)).withConf(conf).build()) {
          for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
            out.output(KV.of(file.split(), RecordToExample.convert(r, file.path())));
            count++;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException("Cannot read " + format.name().toLowerCase() + " file "
          + file.path() + ": " + describe(e), e);
    }
    if (count == 0) {
      throw new InvalidInputException(format.name().toLowerCase() + " file " + file.path()
          + " holds no records: expected at least one");
    }
  }

  /**
   * Streams an Avro file's records. Avro's reader takes an end of file inside a block for the end of
   * the data, so the bytes it consumed must end with the header's sync marker, as every complete file
   * does; when they do not, or Avro fails, the file's framing is walked to say where it goes wrong.
   * A file cut exactly between blocks still reads as a shorter complete file: Avro's header has no
   * record count to tell.
   */
  private static long readAvro(InputFile file, OutputReceiver<KV<String, Example>> out) throws IOException {
    long count = 0;
    try (SeekableByteChannel channel = open(file)) {
      byte[] sync = null;
      try {
        sync = AvroFraming.sync(channel);
        AvroFraming.Tail tail = new AvroFraming.Tail(Channels.newInputStream(channel));
        try (DataFileStream<GenericRecord> records = new DataFileStream<>(tail, new GenericDatumReader<>())) {
          for (GenericRecord r : records) {
            out.output(KV.of(file.split(), RecordToExample.convert(r, file.path())));
            count++;
          }
        }
        if (sync != null && tail.endsWith(sync)) {
          return count;
        }
      } catch (IOException | AvroRuntimeException e) {
        String problem = AvroFraming.problem(channel);
        if (problem != null) {
          throw new InvalidInputException("Avro file " + file.path() + " is " + problem, e);
        }
        throw new InvalidInputException("Cannot read avro file " + file.path() + ": " + describe(e), e);
      }
      String problem = AvroFraming.problem(channel);
      throw new InvalidInputException("Avro file " + file.path() + " is " + (problem != null ? problem
          : "truncated: its " + count + " records do not end with the header's sync marker"));
    }
  }

  /** An exception's message, or its type where it has none (an EOFException's is null). */
  private static String describe(Exception e) {
    Throwable t = e instanceof AvroRuntimeException && e.getCause() != null ? e.getCause() : e;
    if (t instanceof EOFException) {
      return "unexpected end of file" + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  private static SeekableByteChannel open(InputFile file) throws IOException {
    return (SeekableByteChannel) FileSystems.open(FileSystems.matchNewResource(file.path(), false));
  }

  /** Parquet's view of a Beam file: random access through the file system's seekable channel. */
  private static final class BeamInputFile implements org.apache.parquet.io.InputFile {
    private final InputFile file;

    BeamInputFile(InputFile file) {
      this.file = file;
    }

    @Override
    public long getLength() {
      return file.size();
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      SeekableByteChannel channel = open(file);
      return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
        @Override
        public long getPos() throws IOException {
          return channel.position();
        }

        @Override
        public void seek(long newPos) throws IOException {
          if (newPos > channel.size()) {
            throw new EOFException("Seek to " + newPos + " past the end of " + file.path());
          }
          channel.position(newPos);
        }
      };
    }

    @Override
    public String toString() {
      return file.path();
    }
  }
}
