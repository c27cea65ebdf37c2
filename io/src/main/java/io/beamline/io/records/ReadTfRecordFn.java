package io.beamline.io.records;

import io.beamline.io.files.InputFile;

import com.google.protobuf.InvalidProtocolBufferException;
import io.beamline.core.InvalidInputException;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.TFRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.tensorflow.proto.Example;

/**
 * Reads one TFRecord file of tf.Examples (one file per element, so files are read in parallel),
 * streaming its records keyed by the file's split. Core's {@link TFRecords} reader is used rather
 * than Beam's TFRecordIO so that every failure names the file and the record: a checksum mismatch,
 * a truncated record, a broken gzip stream or a payload that is not a tf.Example. Gzip is told by
 * the magic bytes, not the name: a plain file called {@code .gz} and a gzip'd one without it both
 * read.
 */
public final class ReadTfRecordFn extends DoFn<InputFile, KV<String, Example>> {
  @ProcessElement
  public void process(@Element InputFile file, OutputReceiver<KV<String, Example>> out) {
    long index = 0;
    try (CloseableIterator<byte[]> records = TFRecords.read(
        FileSystems.open(FileSystems.matchNewResource(file.path(), false)), file.path())) {
      while (records.hasNext()) {
        byte[] record = records.next();
        out.output(KV.of(file.split(), parse(record, file, index)));
        index++;
      }
    } catch (IOException | UncheckedIOException e) {
      // e.g. gzip data corrupted after a good header ("invalid stored block lengths")
      Throwable cause = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
      throw new InvalidInputException("Cannot read TFRecord file " + file.path() + " at record " + index
          + ": " + cause.getMessage(), e);
    }
  }

  private static Example parse(byte[] record, InputFile file, long index) {
    try {
      return Example.parseFrom(record);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException("TFRecord file " + file.path() + ", record " + index
          + ": not a serialized tf.Example (" + record.length + " bytes): " + e.getMessage(), e);
    }
  }
}
