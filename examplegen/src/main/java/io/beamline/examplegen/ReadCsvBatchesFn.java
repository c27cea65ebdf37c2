package io.beamline.examplegen;

import io.beamline.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads CSV files as a splittable DoFn: each file sequentially, in batches of accepted rows
 * ({@link CsvBatch}) plus the rejected rows (wrong field count, broken quoting) with file, physical
 * line, reason and raw text.
 *
 * <p>Batches are claimed on a {@link CsvRangeTracker} before they are emitted, so the runner can
 * checkpoint between two batches and resume at the next record with its line number; the reader also
 * checkpoints itself every {@code batchesPerCall} batches. Either way a runner that holds a bundle's
 * output in memory until the bundle ends (Beam's DirectRunner) holds a few batches, never a whole
 * file. A file is never split up front between workers ({@code @SplitRestriction} is not defined): a
 * reader cannot find a record boundary from an arbitrary offset, since a line break may lie inside a
 * quoted field, so every range begins where an earlier reader stopped.
 */
@DoFn.BoundedPerElement
final class ReadCsvBatchesFn extends DoFn<InputFile, CsvBatch> {
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
  public CsvRange initialRestriction(@Element InputFile file) {
    boolean plain = Compression.detect(file.path()) == Compression.UNCOMPRESSED;
    return new CsvRange(0, 1, plain ? file.size() : Long.MAX_VALUE);
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
  public double size(@Element InputFile file, @Restriction CsvRange range) {
    long end = range.endOffset() == Long.MAX_VALUE ? Math.max(file.size(), range.startOffset() + 1)
        : range.endOffset();
    return Math.max(0, end - range.startOffset());
  }

  @ProcessElement
  public ProcessContinuation process(@Element InputFile file,
      RestrictionTracker<CsvRange, CsvRangeTracker.Position> tracker, MultiOutputReceiver out)
      throws IOException {
    CsvRange range = tracker.currentRestriction();
    CsvRows rows = new CsvRows(delimiter);
    boolean fromStart = range.startOffset() == 0;
    if (fromStart) {
      List<String> own = rows.header(file, delimiter);
      if (!own.equals(header)) {
        throw new InvalidInputException("CSV file " + file.path() + " has header " + own
            + ", but the first input file has " + header + "; all files of one input must agree");
      }
    }
    try (InputStream reader = CsvRows.open(file.path(), range.startOffset())) {
      CsvRecordSplitter splitter = new CsvRecordSplitter(reader, delimiter, '"',
          range.startOffset(), range.startLine());
      if (fromStart) {
        splitter.next(); // the header, checked above
      }
      Pending pending = new Pending(file, header.size(), batchRows);
      boolean anyRow = false;
      int emitted = 0;
      while (true) {
        if (!splitter.advance()) {
          if (!pending.isEmpty()) {
            if (!tracker.tryClaim(new CsvRangeTracker.Position(splitter.offset(), splitter.line()))) {
              return ProcessContinuation.stop();
            }
            pending.emit(out);
          }
          if (fromStart && !anyRow) {
            throw new InvalidInputException("CSV file " + file.path()
                + " has a header but no data rows: expected at least one row after line 1");
          }
          tracker.tryClaim(CsvRangeTracker.Position.END);
          return ProcessContinuation.stop();
        }
        if (splitter.isEmpty()) {
          continue; // a blank line holds no row
        }
        anyRow = true;
        pending.add(rows, splitter);
        if (pending.size() >= batchRows) {
          if (!tracker.tryClaim(new CsvRangeTracker.Position(splitter.offset(), splitter.line()))) {
            return ProcessContinuation.stop();
          }
          pending.emit(out);
          if (++emitted >= batchesPerCall) {
            return ProcessContinuation.resume();
          }
        }
      }
    }
  }

  /**
   * Rows and rejects read but not yet claimed. Accepted rows go straight into the batch being built
   * (a record's bytes are copied once), so a batch is made without an object per cell.
   */
  private static final class Pending {
    private final InputFile file;
    private final int width;
    private final int capacity;
    private final List<Reject> rejects = new ArrayList<>();
    private CsvBatch.Builder batch;

    Pending(InputFile file, int width, int capacity) {
      this.file = file;
      this.width = width;
      this.capacity = capacity;
      this.batch = new CsvBatch.Builder(file.split(), file.path(), width, capacity);
    }

    /** Adds the splitter's current record: its fields, or a reject saying why it has none. */
    void add(CsvRows parser, CsvRecordSplitter record) {
      String reason;
      if (record.isQuoted() || record.isUnterminated()) {
        CsvRows.Parsed parsed = parser.parse(
            new CsvRecordSplitter.Chunk(record.recordLine(), record.text(), record.isUnterminated()));
        reason = parsed.error();
        if (reason == null && parsed.values().length == width) {
          batch.addRow(record.recordLine(), parsed.values());
          return;
        }
        if (reason == null) {
          reason = "expected " + width + " fields (as in the header), got " + parsed.values().length;
        }
      } else if (record.fieldCount() == width) {
        record.copyFieldsTo(batch);
        return;
      } else {
        reason = "expected " + width + " fields (as in the header), got " + record.fieldCount();
      }
      rejects.add(new Reject(file.path(), record.recordLine(), reason, record.text()));
    }

    /** Rows and rejects together: a batch is cut after this many records of either kind. */
    int size() {
      return batch.rows() + rejects.size();
    }

    boolean isEmpty() {
      return size() == 0;
    }

    void emit(MultiOutputReceiver out) {
      for (Reject r : rejects) {
        out.get(REJECTS).output(r);
      }
      rejects.clear();
      if (batch.rows() == 0) {
        return;
      }
      out.get(BATCHES).output(batch.build());
      batch = new CsvBatch.Builder(file.split(), file.path(), width, capacity);
    }
  }
}
