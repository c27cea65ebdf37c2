package io.beamline.statsgen;

import io.beamline.core.examples.FeatureType;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.io.csv.CsvBatch;
import io.beamline.io.csv.CsvFilePart;
import io.beamline.io.csv.CsvInput;
import io.beamline.io.csv.CsvLane;
import io.beamline.io.csv.CsvPartReader;
import io.beamline.io.csv.Reject;
import java.io.IOException;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Statistics of a CSV input (the whole input, then its slices) with the reading fused into the
 * statistics step: the elements are lanes of the input's parts ({@link CsvInput#lanes}: the parts
 * of a few files, or many whole files in a few lanes), and one step reads each lane's parts to their end, parses every cell once with its column's type straight into
 * its bundle's accumulator ({@link TypedCsvBatch}), and emits that accumulator when the bundle ends;
 * a global merge combines them. Rejected rows leave as a second output.
 *
 * <p>Why fused: with row batches as elements between a read step and a statistics step, the
 * DirectRunner (no fusion, no backpressure) held the batches the reader ran ahead with, and the
 * global combine gathered one partial accumulator per reader bundle, which it copies whole for each
 * one that arrives: on taxi x1000 (15M rows) a sixth of the CPU went to copying accumulators.
 * Here a step holds one batch and one accumulator, and the merge sees one accumulator per bundle of
 * parts (a few dozen for a 2 GB file). One big file is still read by every worker: its parts are
 * spread over them.
 */
final class CsvPartStatistics extends PTransform<PBegin, PCollectionTuple> {
  static final TupleTag<SplitOutput> STATISTICS = new TupleTag<>("statistics") {};
  static final TupleTag<Reject> REJECTS = new TupleTag<>("rejects") {};

  private final CsvInput input;
  private final StatisticsOptions options;

  CsvPartStatistics(CsvInput input, StatisticsOptions options) {
    this.input = input;
    this.options = options;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    BatchReader<CsvBatch> reader = FeatureStatistics.csvBatchReader(input.columns(), input.columnTypes(),
        input.columnsUnseenInSample());
    TupleTag<SlicedAccumulator> partials = new TupleTag<>("partials") {};
    PCollectionTuple read = begin
        .apply("Parts", input.lanes(lanes()))
        .apply("PartStatistics", ParDo.of(new PartStatisticsFn(options, reader, partials))
            .withOutputTags(partials, TupleTagList.of(REJECTS)));
    read.get(REJECTS).setCoder(SerializableCoder.of(Reject.class));
    PCollection<SplitOutput> statistics = read.get(partials)
        .setCoder(new AccumulatorCoder(options))
        .apply("Merge", Combine.globally(StatisticsCombineFn.withSketches(options, SlicedAccumulator::merge)).withoutDefaults());
    return PCollectionTuple.of(STATISTICS, statistics).and(REJECTS, read.get(REJECTS));
  }

  /**
   * Lanes on the DirectRunner: one per core (at least 2). Many files each read on its own made one
   * accumulator per file, and that runner's global merge copies what it holds for each one that
   * arrives: 1,000 files of 15,000 taxi rows took 10 minutes (the same rows in one file, 20-30 s).
   */
  static int lanes() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  /** Adds every row of each lane's parts to the bundle's accumulator; emits it when the bundle ends. */
  static final class PartStatisticsFn extends DoFn<CsvLane, SlicedAccumulator> {
    private final StatisticsOptions options;
    private final BatchReader<CsvBatch> reader;
    private final TupleTag<SlicedAccumulator> partials;
    private transient SlicedAccumulator accumulator;

    PartStatisticsFn(StatisticsOptions options, BatchReader<CsvBatch> reader, TupleTag<SlicedAccumulator> partials) {
      this.options = options;
      this.reader = reader;
      this.partials = partials;
    }

    @StartBundle
    public void startBundle() {
      accumulator = new SlicedAccumulator(options);
    }

    @ProcessElement
    public void process(@Element CsvLane lane, MultiOutputReceiver out) throws IOException {
      for (CsvFilePart part : lane.parts()) {
        try (CsvPartReader rows = part.open()) {
          while (rows.next()) {
            for (Reject r : rows.rejects()) {
              out.get(REJECTS).output(r);
            }
            if (rows.batch() != null) {
              reader.addTo(accumulator, rows.batch());
            }
          }
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      // bounded input in the global window: the partial statistics belong there too
      context.output(partials, accumulator, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      accumulator = null;
    }
  }
}
