package io.beamline.io.csv;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads lanes of CSV file parts ({@link CsvLane}: on a cluster one part each, on the DirectRunner a
 * few lanes over all the files) as a splittable DoFn: each part of a lane in turn, in batches of
 * accepted rows ({@link CsvBatch}) plus the rejected rows (wrong field count, broken quoting) with
 * file, physical line, reason and raw text.
 *
 * <p>On a cluster the parts are the elements, so a big file is read by as many workers as it has
 * parts on every runner, Spark's included (its runner never splits a splittable DoFn's restriction).
 * Batches are claimed on a {@link CsvLaneTracker} before they are emitted, so the runner can
 * checkpoint between two batches and resume at the next record with its line number; the reader also
 * checkpoints itself every {@code batchesPerCall} batches. Either way a runner that holds a bundle's
 * output in memory until the bundle ends (Beam's DirectRunner) holds a few batches per lane being
 * read, never a whole part. A part is never split ahead of the reader ({@code @SplitRestriction} is
 * not defined): a reader cannot find a record boundary from an arbitrary offset, since a line break
 * may lie inside a quoted field, so every range begins where a cut or an earlier reader stopped.
 *
 * <p>What becomes of a batch is the reader's {@link BatchStep}: passed on as it is ({@link #BATCHES}),
 * or converted in the same step (examples, Arrow batches). One step rather than two because a
 * runner may hold a step's output whole: Beam's Spark runner persists every multi-output step's
 * results as Java objects (sizing each one as it caches it), and ExampleGen's row batches, read in
 * one step and converted in the next, were a third of a Spark executor's CPU in that sizing.
 *
 * @param <T> the main output: row batches, or what the step makes of them
 */
@DoFn.BoundedPerElement
final class ReadCsvBatchesFn<T> extends DoFn<CsvLane, T> {
  static final TupleTag<CsvBatch> BATCHES = new TupleTag<>() {};
  static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  static final int DEFAULT_BATCH_ROWS = 1024;
  static final int DEFAULT_BATCHES_PER_CALL = 64;

  /** What the reader does with each batch of accepted rows, in its own step. */
  interface BatchStep<T> extends Serializable {
    /** The output the step's results go to. */
    TupleTag<T> mainOutput();

    /** Called once per DoFn instance before the first batch (per-instance state, e.g. encoders). */
    default void setup() {}

    /**
     * Whether a lane is read whole in one call ({@link ReadCsvLaneFn}) rather than by this splittable
     * reader: for a step whose output is small, so no checkpoint need bound what waits.
     */
    default boolean readsLanesWhole() {
      return false;
    }

    void accept(CsvBatch batch, MultiOutputReceiver out) throws IOException;

    /**
     * Called once a whole lane is read, by {@link ReadCsvLaneFn} only (the splittable reader may not
     * output once the runner has taken the rest of its work, nor, on every runner, at bundle end):
     * finishes what the lane's batches began (files) and hands on what is left.
     */
    default void finish(MultiOutputReceiver out) throws IOException {}

    /** Releases what a read that failed left open. */
    default void abort() {}
  }

  /** The batches as read, unconverted. */
  static final class PassBatches implements BatchStep<CsvBatch> {
    @Override
    public TupleTag<CsvBatch> mainOutput() {
      return BATCHES;
    }

    @Override
    public void accept(CsvBatch batch, MultiOutputReceiver out) {
      out.get(BATCHES).output(batch);
    }
  }

  private final List<String> header;
  private final char delimiter;
  private final int batchRows;
  private final int batchesPerCall;
  private final BatchStep<T> step;

  ReadCsvBatchesFn(List<String> header, char delimiter, int batchRows, int batchesPerCall, BatchStep<T> step) {
    if (batchRows < 1 || batchesPerCall < 1) {
      throw new IllegalArgumentException("batchRows and batchesPerCall must be >= 1");
    }
    this.header = List.copyOf(header);
    this.delimiter = delimiter;
    this.batchRows = batchRows;
    this.batchesPerCall = batchesPerCall;
    this.step = step;
  }

  /** A reader that passes the row batches on unconverted. */
  static ReadCsvBatchesFn<CsvBatch> rows(List<String> header, char delimiter, int batchRows, int batchesPerCall) {
    return new ReadCsvBatchesFn<>(header, delimiter, batchRows, batchesPerCall, new PassBatches());
  }

  @Setup
  public void setup() {
    step.setup();
  }

  @Teardown
  public void teardown() {
    step.abort();
  }

  @GetInitialRestriction
  public CsvLaneRange initialRestriction(@Element CsvLane lane) {
    return CsvLaneRange.of(lane);
  }

  @NewTracker
  public CsvLaneTracker newTracker(@Restriction CsvLaneRange range) {
    return new CsvLaneTracker(range);
  }

  @GetRestrictionCoder
  public CsvLaneRange.Coder restrictionCoder() {
    return new CsvLaneRange.Coder();
  }

  /** The bytes left to read (a compressed file's bytes on disk, its content length being unknown). */
  @GetSize
  public double size(@Element CsvLane lane, @Restriction CsvLaneRange range) {
    double bytes = 0;
    for (int i = range.startPart(); i < lane.parts().size(); i++) {
      CsvFilePart part = lane.parts().get(i);
      CsvRange left = range.within(i, part);
      if (left != null) {
        bytes += CsvLane.bytes(part, left);
      }
    }
    return bytes;
  }

  @ProcessElement
  public ProcessContinuation process(@Element CsvLane lane,
      RestrictionTracker<CsvLaneRange, CsvLaneTracker.Position> tracker, MultiOutputReceiver out)
      throws IOException {
    try {
      return read(lane, tracker, out, step, header, delimiter, batchRows, batchesPerCall);
    } catch (IOException | RuntimeException e) {
      step.abort();
      throw e;
    }
  }

  /**
   * Reads the lane from the tracker's restriction, claiming each batch before {@code step} takes it,
   * until a claim fails (the runner took the rest), {@code batchesPerCall} batches (then: resume),
   * or the lane's end.
   */
  static <T> ProcessContinuation read(CsvLane lane,
      RestrictionTracker<CsvLaneRange, CsvLaneTracker.Position> tracker, MultiOutputReceiver out,
      BatchStep<T> step, List<String> header, char delimiter, int batchRows, int batchesPerCall)
      throws IOException {
    CsvLaneRange range = tracker.currentRestriction();
    int emitted = 0;
    for (int i = range.startPart(); i < lane.parts().size(); i++) {
      CsvFilePart part = lane.parts().get(i);
      CsvRange left = range.within(i, part);
      if (left == null) {
        continue; // the range starts at this part's end (a checkpoint right after its last batch)
      }
      try (CsvPartReader reader = new CsvPartReader(part.file(), left, header, delimiter, batchRows)) {
        while (reader.next()) {
          if (!tracker.tryClaim(new CsvLaneTracker.Position(i, reader.offset(), reader.line()))) {
            return ProcessContinuation.stop();
          }
          for (Reject r : reader.rejects()) {
            out.get(REJECTS).output(r);
          }
          if (reader.batch() != null) {
            step.accept(reader.batch(), out);
          }
          if (++emitted >= batchesPerCall) {
            return ProcessContinuation.resume();
          }
        }
      }
    }
    tracker.tryClaim(CsvLaneTracker.Position.END);
    return ProcessContinuation.stop();
  }
}
