package io.beamline.io.csv;

import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Reads a lane whole, in one call, through the same loop and {@link ReadCsvBatchesFn.BatchStep} as
 * the splittable reader: for a step whose output is small (files written where the rows are
 * converted, see {@link io.beamline.io.examples.SplitFiles}), so no runner need checkpoint the read
 * to bound what waits. The splittable reader would not do here: Beam's DirectRunner ends each of its
 * calls after 100 outputs or a second, and a step that writes files would then write a file per
 * split for every second of reading (about 450 a split for taxi x1000), where a whole lane writes
 * one. A failed read is retried whole; its files are never reported, and the commit deletes them.
 *
 * @param <T> the step's main output
 */
final class ReadCsvLaneFn<T> extends DoFn<CsvLane, T> {
  private final List<String> header;
  private final char delimiter;
  private final int batchRows;
  private final ReadCsvBatchesFn.BatchStep<T> step;

  ReadCsvLaneFn(List<String> header, char delimiter, int batchRows, ReadCsvBatchesFn.BatchStep<T> step) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be >= 1");
    }
    this.header = List.copyOf(header);
    this.delimiter = delimiter;
    this.batchRows = batchRows;
    this.step = step;
  }

  @Setup
  public void setup() {
    step.setup();
  }

  @ProcessElement
  public void process(@Element CsvLane lane, MultiOutputReceiver out) throws IOException {
    try {
      ReadCsvBatchesFn.read(lane, new CsvLaneTracker(CsvLaneRange.of(lane)), out, step, header, delimiter,
          batchRows, Integer.MAX_VALUE);
      step.finish(out);
    } catch (IOException | RuntimeException e) {
      step.abort();
      throw e;
    }
  }

  @Teardown
  public void teardown() {
    step.abort();
  }
}
