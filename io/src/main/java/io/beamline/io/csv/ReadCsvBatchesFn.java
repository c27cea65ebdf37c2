package io.beamline.io.csv;

import io.beamline.io.files.InputFile;

import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads parts of CSV files ({@link CsvInput#parts()}) as a splittable DoFn: each part sequentially,
 * in batches of accepted rows ({@link CsvBatch}) plus the rejected rows (wrong field count, broken
 * quoting) with file, physical line, reason and raw text.
 *
 * <p>The parts are the elements, so a big file is read by as many workers as it has parts on every
 * runner, Spark's included (its runner never splits a splittable DoFn's restriction). Within a part,
 * batches are claimed on a {@link CsvRangeTracker} before they are emitted, so the runner can
 * checkpoint between two batches and resume at the next record with its line number; the reader also
 * checkpoints itself every {@code batchesPerCall} batches. Either way a runner that holds a bundle's
 * output in memory until the bundle ends (Beam's DirectRunner) holds a few batches per part being
 * read, never a whole part. A part is never split further ({@code @SplitRestriction} is not defined):
 * a reader cannot find a record boundary from an arbitrary offset, since a line break may lie inside
 * a quoted field, so every range begins where a cut or an earlier reader stopped.
 */
@DoFn.BoundedPerElement
final class ReadCsvBatchesFn extends DoFn<CsvFilePart, CsvBatch> {
  static final TupleTag<CsvBatch> BATCHES = new TupleTag<>() {};
  static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  static final int DEFAULT_BATCH_ROWS = 1024;
  static final int DEFAULT_BATCHES_PER_CALL = 64;

  private final List<String> header;
  private final char delimiter;
  private final int batchRows;
  private final int batchesPerCall;

  ReadCsvBatchesFn(List<String> header, char delimiter, int batchRows, int batchesPerCall) {
    if (batchRows < 1 || batchesPerCall < 1) {
      throw new IllegalArgumentException("batchRows and batchesPerCall must be >= 1");
    }
    this.header = List.copyOf(header);
    this.delimiter = delimiter;
    this.batchRows = batchRows;
    this.batchesPerCall = batchesPerCall;
  }

  @GetInitialRestriction
  public CsvRange initialRestriction(@Element CsvFilePart part) {
    return part.range();
  }

  @NewTracker
  public CsvRangeTracker newTracker(@Restriction CsvRange range) {
    return new CsvRangeTracker(range);
  }

  @GetRestrictionCoder
  public CsvRange.Coder restrictionCoder() {
    return new CsvRange.Coder();
  }

  @GetSize
  public double size(@Element CsvFilePart part, @Restriction CsvRange range) {
    InputFile file = part.file();
    long end = range.endOffset() == Long.MAX_VALUE ? Math.max(file.size(), range.startOffset() + 1)
        : range.endOffset();
    return Math.max(0, end - range.startOffset());
  }

  @ProcessElement
  public ProcessContinuation process(@Element CsvFilePart part,
      RestrictionTracker<CsvRange, CsvRangeTracker.Position> tracker, MultiOutputReceiver out)
      throws IOException {
    try (CsvPartReader reader = new CsvPartReader(part.file(), tracker.currentRestriction(), header, delimiter,
        batchRows)) {
      int emitted = 0;
      while (reader.next()) {
        if (!tracker.tryClaim(new CsvRangeTracker.Position(reader.offset(), reader.line()))) {
          return ProcessContinuation.stop();
        }
        for (Reject r : reader.rejects()) {
          out.get(REJECTS).output(r);
        }
        if (reader.batch() != null) {
          out.get(BATCHES).output(reader.batch());
        }
        if (++emitted >= batchesPerCall) {
          return ProcessContinuation.resume();
        }
      }
      tracker.tryClaim(CsvRangeTracker.Position.END);
      return ProcessContinuation.stop();
    }
  }
}
