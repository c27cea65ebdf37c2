package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import io.beamline.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.tensorflow.proto.Example;

/** Iterators over the tf.Examples of one payload file, TFRecord or Parquet. */
final class PayloadReaders {
  private PayloadReaders() {}

  static CloseableIterator<Example> tfrecord(MatchResult.Metadata file) {
    String name = file.resourceId().toString();
    CloseableIterator<byte[]> records;
    try {
      records = TFRecords.read(FileSystems.open(file.resourceId()), name);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + name, e);
    }
    return new CloseableIterator<>() {
      private long index;

      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Example next() {
        return ExampleCoder.parse(records.next(), "Record " + index++ + " of " + name);
      }

      @Override
      public void close() {
        records.close();
      }
    };
  }

  /** Feature types of a Parquet payload file, from its schema. */
  static Map<String, FeatureType> parquetTypes(MatchResult.Metadata file) {
    String name = file.resourceId().toString();
    try (ParquetFileReader reader = ParquetFileReader.open(ChannelFiles.input(file))) {
      return ParquetExamples.types(reader.getFileMetaData().getSchema(), name);
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read Parquet file " + name + ": " + e.getMessage(), e);
    }
  }

  static CloseableIterator<Example> parquet(MatchResult.Metadata file) {
    String name = file.resourceId().toString();
    Map<String, FeatureType> types = parquetTypes(file);
    ParquetReader<Group> reader;
    try {
      reader = ParquetExamples.reader(ChannelFiles.input(file));
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read Parquet file " + name + ": " + e.getMessage(), e);
    }
    return new CloseableIterator<>() {
      private Group next;
      private boolean done;
      private long row;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          try {
            next = reader.read();
          } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("Cannot read row " + row + " of Parquet file " + name + ": "
                + e.getMessage(), e);
          }
          done = next == null;
        }
        return next != null;
      }

      @Override
      public Example next() {
        if (!hasNext()) {
          throw new NoSuchElementException("No more rows in " + name);
        }
        Group group = next;
        next = null;
        row++;
        return ParquetExamples.toExample(group, types);
      }

      @Override
      public void close() {
        try {
          reader.close();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot close " + name, e);
        }
      }
    };
  }
}
