package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.tensorflow.proto.Example;

/** The DoFns behind {@link ExamplesIO#read} and {@link ExamplesIO#readExamples}. */
final class ReadFns {
  private ReadFns() {}

  /**
   * Parses serialized tf.Examples and emits a batch every {@code batchSize} of them, and the rest
   * when the bundle ends: memory is bounded by one batch, never the split.
   */
  static final class BatchRecordsFn extends DoFn<byte[], ExampleBatch> {
    private final int batchSize;
    private final TreeMap<String, FeatureType> types;
    private final String source;
    private transient List<Example> buffer;

    BatchRecordsFn(int batchSize, Map<String, FeatureType> types, String source) {
      this.batchSize = batchSize;
      this.types = new TreeMap<>(types);
      this.source = source;
    }

    @StartBundle
    public void start() {
      buffer = new ArrayList<>(Math.min(batchSize, 4096));
    }

    @ProcessElement
    public void process(@Element byte[] record, OutputReceiver<ExampleBatch> out) {
      buffer.add(ExampleCoder.parse(record, "A record of " + source));
      if (buffer.size() >= batchSize) {
        out.output(ExampleBatch.fromExamples(buffer, types));
        buffer.clear();
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext context) {
      if (!buffer.isEmpty()) {
        context.output(ExampleBatch.fromExamples(buffer, types), BoundedWindow.TIMESTAMP_MIN_VALUE,
            GlobalWindow.INSTANCE);
        buffer.clear();
      }
    }
  }

  /** Parses serialized tf.Examples one by one. */
  static final class ParseFn extends DoFn<byte[], Example> {
    private final String source;

    ParseFn(String source) {
      this.source = source;
    }

    @ProcessElement
    public void process(@Element byte[] record, OutputReceiver<Example> out) {
      out.output(ExampleCoder.parse(record, "A record of " + source));
    }
  }

  /**
   * Reads one Parquet payload file into batches of at most {@code batchSize} rows. Types not given
   * come from the file's schema, so every batch of the file has every column.
   */
  static final class BatchParquetFn extends DoFn<FileIO.ReadableFile, ExampleBatch> {
    private final int batchSize;
    private final TreeMap<String, FeatureType> types;

    BatchParquetFn(int batchSize, Map<String, FeatureType> types) {
      this.batchSize = batchSize;
      this.types = new TreeMap<>(types);
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<ExampleBatch> out) {
      Map<String, FeatureType> fileTypes = new TreeMap<>(PayloadReaders.parquetTypes(file.getMetadata()));
      fileTypes.putAll(types);
      List<Example> buffer = new ArrayList<>(Math.min(batchSize, 4096));
      try (CloseableIterator<Example> rows = PayloadReaders.parquet(file.getMetadata())) {
        while (rows.hasNext()) {
          buffer.add(rows.next());
          if (buffer.size() >= batchSize) {
            out.output(ExampleBatch.fromExamples(buffer, fileTypes));
            buffer.clear();
          }
        }
      }
      if (!buffer.isEmpty()) {
        out.output(ExampleBatch.fromExamples(buffer, fileTypes));
      }
    }
  }

  /** Reads one Parquet payload file row by row. */
  static final class ParquetExamplesFn extends DoFn<FileIO.ReadableFile, Example> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<Example> out) {
      try (CloseableIterator<Example> rows = PayloadReaders.parquet(file.getMetadata())) {
        rows.forEachRemaining(out::output);
      }
    }
  }
}
