package io.beamline.io.csv;

import io.beamline.io.files.InputFile;

import io.beamline.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of one part of a CSV file (a {@link CsvRange}: from a record boundary to the
 * range's end, or to the end of the file) in chunks of at most {@code batchRows} records: the
 * accepted rows as one {@link CsvBatch}, the rejected ones (wrong field count, broken quoting) as
 * {@link Reject}s with file, line, reason and text. The part that starts the file checks its header
 * against the input's and fails when the file has no data row.
 *
 * <p>Used by Beamline's readers (the splittable reader, which claims each chunk before emitting it,
 * and steps that consume a whole part at once) and by users who read parts themselves
 * ({@link CsvFilePart#open()}).
 */
public final class CsvPartReader implements AutoCloseable {
  private final InputFile file;
  private final List<String> header;
  private final int width;
  private final int batchRows;
  private final long end;
  private final boolean fromStart;
  private final CsvRows rows;
  private final InputStream in;
  private final CsvRecordSplitter splitter;
  private final List<Reject> rejects = new ArrayList<>();
  private CsvBatch.Builder pending;
  private CsvBatch batch;
  private boolean anyRow;
  private boolean done;

  CsvPartReader(InputFile file, CsvRange range, List<String> header, char delimiter, int batchRows)
      throws IOException {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be >= 1, got " + batchRows);
    }
    this.file = file;
    this.header = List.copyOf(header);
    this.width = header.size();
    this.batchRows = batchRows;
    this.end = range.endOffset();
    this.fromStart = range.startOffset() == 0;
    this.rows = new CsvRows(delimiter);
    if (fromStart) {
      List<String> own = rows.header(file, delimiter);
      if (!own.equals(header)) {
        throw new InvalidInputException("CSV file " + file.path() + " has header " + own
            + ", but the first input file has " + header + "; all files of one input must agree");
      }
    }
    this.in = CsvRows.open(file.path(), range.startOffset());
    this.splitter = new CsvRecordSplitter(in, delimiter, '"', range.startOffset(), range.startLine());
    if (fromStart) {
      try {
        splitter.next(); // the header, checked above
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
    }
    this.pending = newBatch();
  }

  /**
   * Reads the next chunk: up to {@code batchRows} records, accepted or rejected. False when the part
   * holds no more records.
   *
   * @throws InvalidInputException when the part starts the file and the file has a header only
   */
  public boolean next() throws IOException {
    batch = null;
    rejects.clear();
    if (done) {
      return false;
    }
    int records = 0;
    while (records < batchRows) {
      if (splitter.offset() >= end || !splitter.advance()) {
        done = true;
        if (fromStart && !anyRow) {
          throw new InvalidInputException("CSV file " + file.path()
              + " has a header but no data rows: expected at least one row after line 1");
        }
        break;
      }
      if (splitter.isEmpty()) {
        continue; // a blank line holds no row
      }
      anyRow = true;
      add();
      records++;
    }
    if (pending.rows() > 0) {
      batch = pending.build();
      pending = newBatch();
    }
    return records > 0;
  }

  /** The accepted rows of the last chunk, or null when it had none. */
  public CsvBatch batch() {
    return batch;
  }

  /** The rejected records of the last chunk (empty when none); valid until the next call. */
  public List<Reject> rejects() {
    return rejects;
  }

  /** The offset where the record after the last chunk starts. */
  long offset() {
    return splitter.offset();
  }

  /** The physical line the record after the last chunk starts on. */
  long line() {
    return splitter.line();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private CsvBatch.Builder newBatch() {
    return new CsvBatch.Builder(file.split(), file.path(), width, batchRows);
  }

  /** Why a row with these fields is rejected for a number damaged by NUL bytes, or null when none is. */
  private String numberWithNul(String[] values) {
    for (int c = 0; c < values.length; c++) {
      if (ValueKinds.isNumberWithNul(values[c])) {
        return nulReason(c, values[c]);
      }
    }
    return null;
  }

  /**
   * A NUL byte in a number is damage, not data: keeping the cell would make it text and silently
   * turn its whole column into strings, so the row is rejected (see {@link ValueKinds#isNumberWithNul}).
   */
  private String nulReason(int c, String value) {
    return "column '" + header.get(c) + "' (field " + (c + 1) + ") holds a number with a NUL byte ('"
        + value.replace("\0", "\\0") + "'): expected a number, or text, without NUL bytes";
  }

  /** Adds the splitter's current record: its fields, or a reject saying why it has none. */
  private void add() {
    String reason;
    if (splitter.isQuoted() || splitter.isUnterminated()) {
      CsvRows.Parsed parsed = rows.parse(
          new CsvRecordSplitter.Chunk(splitter.recordLine(), splitter.text(), splitter.isUnterminated()));
      reason = parsed.error();
      if (reason == null && parsed.values().length == width) {
        reason = numberWithNul(parsed.values());
        if (reason == null) {
          pending.addRow(splitter.recordLine(), parsed.values());
          return;
        }
      }
      if (reason == null) {
        reason = "expected " + width + " fields (as in the header), got " + parsed.values().length;
      }
    } else if (splitter.fieldCount() == width) {
      int damaged = splitter.hasNul() ? splitter.numberWithNul() : -1;
      if (damaged < 0) {
        splitter.copyFieldsTo(pending);
        return;
      }
      reason = nulReason(damaged, splitter.field(damaged));
    } else {
      reason = "expected " + width + " fields (as in the header), got " + splitter.fieldCount();
    }
    rejects.add(new Reject(file.path(), splitter.recordLine(), reason, splitter.text()));
  }
}
