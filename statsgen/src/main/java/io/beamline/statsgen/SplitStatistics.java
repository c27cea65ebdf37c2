package io.beamline.statsgen;

import io.beamline.core.component.Elements;
import io.beamline.core.InvalidInputException;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.ExampleBatch;
import io.beamline.io.examples.Examples;
import io.beamline.core.examples.FeatureType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.tensorflow.proto.Example;

/**
 * The statistics of one split of an Examples artifact (the whole split, then its slices, and the
 * whole split's sketches), with the
 * reading fused into the statistics step: the elements are the split's payload file URIs, and one
 * step streams each file's records, types them as Arrow in batches and adds them to its bundle's
 * accumulator, emitting one accumulator per bundle for a global merge.
 *
 * <p>Why fused: reading examples as one step and computing statistics in another let the
 * DirectRunner, which neither fuses steps nor applies backpressure, read ahead of the statistics and
 * hold every pending batch: on taxi x100 (1M examples in the train split) a 768 MB heap filled up
 * and the run crawled through back-to-back full collections. Here memory is one batch per worker
 * thread plus the accumulators, whatever the split's size. Parallelism comes from the number of
 * payload files (ExampleGen writes many per split).
 *
 * <p>Files go in groups ({@link #groups}): at most 32, or about 64 files each for a split of more
 * than 2,048 files. With one element per file, the DirectRunner's global merge received one
 * accumulator per file (~900 for taxi x1000) into a bag it copies whole on every arrival: hundreds of
 * MB held and a cost quadratic in the number of files.
 */
final class SplitStatistics extends PTransform<PBegin, PCollection<SplitOutput>> {
  /** Examples typed as Arrow and added at a time. */
  static final int BATCH_ROWS = 1024;
  private static final int MAX_GROUPS_SMALL = 32;
  private static final int FILES_PER_GROUP = 64;

  private final String examplesUri;
  private final String split;
  private final StatisticsOptions options;

  SplitStatistics(String examplesUri, String split, StatisticsOptions options) {
    this.examplesUri = examplesUri;
    this.split = split;
    this.options = options;
  }

  @Override
  public PCollection<SplitOutput> expand(PBegin input) {
    Map<String, FeatureType> types = new TreeMap<>(Examples.featureTypes(examplesUri, split));
    return input
        .apply("FileGroups", Elements.of(groups(Examples.payloadFileUris(examplesUri, split)),
            ListCoder.of(StringUtf8Coder.of())))
        .apply("SpreadFiles", Reshuffle.viaRandomKey())
        .apply("FileStatistics", ParDo.of(new FileStatisticsFn(options, types)))
        .setCoder(new AccumulatorCoder(options))
        .apply("Merge", Combine.globally(StatisticsCombineFn.withSketches(options, SlicedAccumulator::merge)));
  }

  /** The files dealt round-robin into max(32, files / 64) groups (fewer when there are fewer files). */
  static List<List<String>> groups(List<String> files) {
    int count = Math.min(files.size(), Math.max(MAX_GROUPS_SMALL, files.size() / FILES_PER_GROUP));
    List<List<String>> groups = new ArrayList<>(count);
    for (int g = 0; g < count; g++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < files.size(); i++) {
      groups.get(i % count).add(files.get(i));
    }
    return groups;
  }

  /** Adds every record of each file to the bundle's accumulator; emits it when the bundle ends. */
  static final class FileStatisticsFn extends DoFn<List<String>, SlicedAccumulator> {
    private final StatisticsOptions options;
    private final TreeMap<String, FeatureType> types;
    private transient SlicedAccumulator accumulator;

    FileStatisticsFn(StatisticsOptions options, Map<String, FeatureType> types) {
      this.options = options;
      this.types = new TreeMap<>(types);
    }

    @StartBundle
    public void startBundle() {
      accumulator = new SlicedAccumulator(options);
    }

    @ProcessElement
    public void process(@Element List<String> fileUris) {
      for (String fileUri : fileUris) {
        addFile(fileUri);
      }
    }

    private void addFile(String fileUri) {
      if (!Examples.isParquetFile(fileUri)) {
        addTfRecordFile(fileUri);
        return;
      }
      List<Example> batch = new ArrayList<>(BATCH_ROWS);
      try (CloseableIterator<Example> records = Examples.readParquetFile(fileUri)) {
        while (records.hasNext()) {
          batch.add(records.next());
          if (batch.size() == BATCH_ROWS) {
            add(batch, fileUri);
          }
        }
        if (!batch.isEmpty()) {
          add(batch, fileUri);
        }
      }
    }

    /** A TFRecord file's examples go from their wire bytes into the columns (no protobuf objects). */
    private void addTfRecordFile(String fileUri) {
      List<byte[]> batch = new ArrayList<>(BATCH_ROWS);
      long first = 0;
      try (CloseableIterator<byte[]> records = Examples.readTfRecordBytes(fileUri)) {
        while (records.hasNext()) {
          batch.add(records.next());
          if (batch.size() == BATCH_ROWS) {
            addSerialized(batch, fileUri, first);
            first += BATCH_ROWS;
          }
        }
        if (!batch.isEmpty()) {
          addSerialized(batch, fileUri, first);
        }
      }
    }

    private void addSerialized(List<byte[]> batch, String fileUri, long first) {
      try {
        ExampleBatch.applyToSerialized(batch, types, fileUri, first, root -> {
          accumulator.add(root);
          return null;
        });
      } catch (InvalidInputException e) {
        throw new InvalidInputException("In " + fileUri + " (records from " + first + "): " + e.getMessage(), e);
      }
      batch.clear();
    }

    private void add(List<Example> batch, String fileUri) {
      try {
        ExampleBatch.applyToExamples(batch, types, root -> {
          accumulator.add(root);
          return null;
        });
      } catch (InvalidInputException e) {
        throw new InvalidInputException("In " + fileUri + ": " + e.getMessage(), e);
      }
      batch.clear();
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      // bounded input in the global window: the partial statistics belong there too
      context.output(accumulator, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      accumulator = null;
    }
  }
}
