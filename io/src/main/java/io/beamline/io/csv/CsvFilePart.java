package io.beamline.io.csv;

import io.beamline.io.files.InputFile;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One part of one CSV input file, from a record boundary to the next part's start: what a worker
 * reads on its own ({@link CsvInput#parts()} cuts the files; {@link #open()} reads a part). A part
 * knows the line it starts on, so rows and rejects carry the file's own line numbers.
 */
public final class CsvFilePart implements Serializable {
  private static final long serialVersionUID = 1L;

  private final InputFile file;
  private final CsvRange range;
  private final List<String> header;
  private final char delimiter;
  private final int batchRows;

  CsvFilePart(InputFile file, CsvRange range, List<String> header, char delimiter, int batchRows) {
    this.file = Objects.requireNonNull(file, "file");
    this.range = Objects.requireNonNull(range, "range");
    this.header = List.copyOf(header);
    this.delimiter = delimiter;
    this.batchRows = batchRows;
  }

  /** A reader over the part's records, in chunks of at most the input's batch rows. */
  public CsvPartReader open() throws IOException {
    return new CsvPartReader(file, range, header, delimiter, batchRows);
  }

  /** The file the part belongs to. */
  InputFile file() {
    return file;
  }

  /** The part's bytes and first line. */
  CsvRange range() {
    return range;
  }

  /** The file's full path. */
  public String path() {
    return file.path();
  }

  /** The byte offset the part starts at (a record boundary). */
  public long startOffset() {
    return range.startOffset();
  }

  /** The physical line the part starts on (1 for a file's first part, its header). */
  public long startLine() {
    return range.startLine();
  }

  /** The offset the part ends at (exclusive): the next part's start, the file's size for its last part. */
  public long endOffset() {
    return range.endOffset();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvFilePart p && file.equals(p.file) && range.equals(p.range) && header.equals(p.header)
        && delimiter == p.delimiter && batchRows == p.batchRows;
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, range);
  }

  @Override
  public String toString() {
    return file.path() + " [" + range.startOffset() + ", "
        + (range.endOffset() == Long.MAX_VALUE ? "end" : range.endOffset()) + ") from line " + range.startLine();
  }
}
