package io.beamline.evaluator;

import io.beamline.core.InvalidInputException;
import io.beamline.core.component.ArtifactUris;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.Examples;
import io.beamline.io.examples.TFRecords;
import java.io.IOException;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.io.FileSystems;
import org.tensorflow.proto.Example;

/**
 * Streams the records of one payload file of an Examples split, each as the serialized tf.Example
 * the model is fed and the parsed example the label, weight and slices are read from. TFRecord
 * files (gzip'd or plain, recognised by their bytes) go through core's CRC-checking reader, so the
 * bytes fed to the model are the stored ones, not a re-serialization; Parquet rows are converted to
 * tf.Examples and serialized. Errors name the file and the record (or row).
 *
 * <p>A TFRecord's example is parsed whole only when asked (a model fed named feature tensors needs
 * them all); otherwise only the features the metrics read ({@link FeatureSubset}). Only one batch of
 * parsed records is ever held (see {@link ScoreFn}).
 */
final class PayloadRecords {
  private PayloadRecords() {}

  /** One record: its bytes for the model, its parsed form for the metrics, and its index in the file. */
  record ExampleRecord(byte[] serialized, Example example, long index) {}

  /**
   * The records of {@code fileUri}, each with its example parsed whole ({@code subset} null) or only
   * {@code subset}'s features (TFRecord files; a Parquet row is converted whole).
   */
  static CloseableIterator<ExampleRecord> open(String fileUri, FeatureSubset subset) {
    if (Examples.isParquetFile(fileUri)) {
      return parquet(fileUri);
    }
    CloseableIterator<byte[]> records;
    try {
      records = TFRecords.read(FileSystems.open(FileSystems.matchSingleFileSpec(ArtifactUris.matchSpec(fileUri)).resourceId()), fileUri);
    } catch (IOException e) {
      throw new InvalidInputException("Cannot open TFRecord file " + fileUri + ": " + e.getMessage(), e);
    }
    return new Mapped<>(records) {
      @Override
      ExampleRecord map(byte[] record, long index) {
        try {
          return new ExampleRecord(record, subset == null ? Example.parseFrom(record) : subset.parse(record), index);
        } catch (IOException e) {
          throw new InvalidInputException("Record " + index + " of " + fileUri + " is not a serialized tf.Example: "
              + e.getMessage(), e);
        }
      }
    };
  }

  private static CloseableIterator<ExampleRecord> parquet(String fileUri) {
    return new Mapped<>(Examples.readParquetFile(fileUri)) {
      @Override
      ExampleRecord map(Example example, long index) {
        return new ExampleRecord(ExampleCoder.serialize(example), example, index);
      }
    };
  }

  /** An iterator that maps each element of another, counting them. */
  private abstract static class Mapped<T> implements CloseableIterator<ExampleRecord> {
    private final CloseableIterator<T> in;
    private long index;

    Mapped(CloseableIterator<T> in) {
      this.in = in;
    }

    abstract ExampleRecord map(T element, long index);

    @Override
    public boolean hasNext() {
      return in.hasNext();
    }

    @Override
    public ExampleRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more records");
      }
      return map(in.next(), index++);
    }

    @Override
    public void close() {
      in.close();
    }
  }
}
