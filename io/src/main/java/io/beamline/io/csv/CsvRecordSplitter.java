package io.beamline.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a CSV byte stream into records, keeping each record's first physical line number and
 * its exact text. Written by hand because commons-csv reports neither the raw text of a record nor a
 * way to resume after a malformed one; records with a quote character are still parsed by
 * commons-csv ({@link CsvRows}), and this class only follows RFC 4180's quoting far enough to know
 * where a record ends: a line break ends a record unless it is inside a quoted field, and a field is
 * quoted only when its first character is the quote.
 *
 * <p>The input is read as bytes, each byte one ISO-8859-1 char (see {@link CsvRows}): no decoding,
 * and offsets are byte offsets. Records without quotes (nearly all of them in real data) are cut into
 * fields here, straight from the read buffer: {@link #advance()} finds the delimiters as it looks for
 * the line break, and {@link #copyFieldsTo} copies the record's bytes once into a batch, with no
 * string per cell. A record always lies whole in the buffer (the partial record is moved to the front
 * before each refill, and the buffer grows for a record longer than it), so its text is available for
 * a reject message too.
 *
 * <p>Line breaks are {@code \n}, {@code \r\n} or {@code \r}; the record text excludes its final line
 * break but keeps the ones inside quoted fields. Memory is bounded by the longest record.
 */
final class CsvRecordSplitter {
  /**
   * A record's text and where it starts; {@code unterminated} when the input ended inside quotes,
   * {@code quoted} when some field of it opened with a quote (so it needs a real CSV parser).
   */
  record Chunk(long line, String text, boolean unterminated, boolean quoted) {
    Chunk(long line, String text, boolean unterminated) {
      this(line, text, unterminated, true);
    }
  }

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  private final InputStream in;
  private final byte delimiter;
  private final byte quote;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  /** Chars (= bytes, as decoded ISO-8859-1) consumed before {@code buf[0]}. */
  private long base;
  private long line;

  // The current record: [recordStart, recordEnd) in buf, its delimiters, its flags.
  private int recordStart;
  private int recordEnd;
  private long recordLine;
  private boolean quoted;
  private boolean unterminated;
  /** Whether the record has a NUL byte (see {@link #hasNul}). */
  private boolean nul;
  private int[] delimiters = new int[64];
  private int delimiterCount;

  CsvRecordSplitter(InputStream in, char delimiter, char quote) {
    this(in, delimiter, quote, 0, 1);
  }

  /**
   * A splitter over input that starts on a record boundary at {@code startOffset} of its file, on
   * physical line {@code startLine}: offsets and line numbers it reports are the file's.
   */
  CsvRecordSplitter(InputStream in, char delimiter, char quote, long startOffset, long startLine) {
    if (delimiter > 0xFF || quote > 0xFF) {
      throw new IllegalArgumentException("CSV delimiter and quote must be single-byte (ISO-8859-1) characters");
    }
    this.in = in;
    this.delimiter = (byte) delimiter;
    this.quote = (byte) quote;
    this.base = startOffset;
    this.line = startLine;
  }

  /** The offset just past the last record returned (past its line break): the next record's start. */
  long offset() {
    return base + pos;
  }

  /** The physical line the next record starts on. */
  long line() {
    return line;
  }

  /** The next record, or null at the end of the input. */
  Chunk next() throws IOException {
    return advance() ? new Chunk(recordLine, text(), unterminated, quoted) : null;
  }

  /**
   * Moves to the next record; false at the end of the input. The record is then described by
   * {@link #recordLine()}, {@link #text()}, {@link #isQuoted()}, {@link #isUnterminated()} and, when
   * it has no quote, {@link #fieldCount()} and {@link #field(int)}.
   */
  boolean advance() throws IOException {
    recordStart = pos;
    recordLine = line;
    quoted = false;
    unterminated = false;
    nul = false;
    delimiterCount = 0;
    int state = FIELD_START;
    while (true) {
      if (pos == limit && !fill()) {
        recordEnd = pos;
        unterminated = state == QUOTED;
        return recordEnd > recordStart;
      }
      byte c = buf[pos++];
      if (c == '\n' || c == '\r') {
        if (state != QUOTED) {
          recordEnd = pos - 1;
          skipLineFeedAfter(c);
          line++;
          return true;
        }
        skipLineFeedAfter(c);
        line++;
        continue;
      }
      if (c == delimiter && state != QUOTED) {
        if (delimiterCount == delimiters.length) {
          delimiters = Arrays.copyOf(delimiters, delimiterCount * 2);
        }
        delimiters[delimiterCount++] = pos - 1;
        state = FIELD_START;
        continue;
      }
      if (c == quote) {
        quoted = true;
      } else if (c == 0) {
        nul = true;
      }
      state = switch (state) {
        case FIELD_START -> c == quote ? QUOTED : UNQUOTED;
        case QUOTED -> c == quote ? QUOTE_IN_QUOTED : QUOTED;
        // a second quote is an escaped quote; anything else closes the field (commons-csv then
        // rejects stray characters after the closing quote)
        case QUOTE_IN_QUOTED -> c == quote ? QUOTED : UNQUOTED;
        default -> UNQUOTED;
      };
      if (state == UNQUOTED) {
        // inside an unquoted field only a delimiter, a line break or a quote changes anything: skip
        // the ordinary bytes in a tight loop
        int p = pos;
        while (p < limit) {
          byte b = buf[p];
          if (b == delimiter || b == '\n' || b == '\r' || b == quote || b == 0) {
            break;
          }
          p++;
        }
        pos = p;
      }
    }
  }

  /** After a {@code \r}, a {@code \n} belongs to the same line break. */
  private void skipLineFeedAfter(byte c) throws IOException {
    if (c == '\r' && (pos < limit || fill()) && buf[pos] == '\n') {
      pos++;
    }
  }

  /** The physical line the current record starts on. */
  long recordLine() {
    return recordLine;
  }

  /** The current record's text, without its final line break. */
  String text() {
    return new String(buf, recordStart, recordEnd - recordStart, StandardCharsets.ISO_8859_1);
  }

  boolean isEmpty() {
    return recordEnd == recordStart;
  }

  /** Whether a quote character appears in the record: its fields then need a CSV parser. */
  boolean isQuoted() {
    return quoted;
  }

  /** Whether the record has a NUL byte: its fields may then hold a damaged number. */
  boolean hasNul() {
    return nul;
  }

  /**
   * The first field of a record without quotes that is a number damaged by NUL bytes
   * ({@link ValueKinds#isNumberWithNul}), or -1 when none is.
   */
  int numberWithNul() {
    for (int i = 0; i <= delimiterCount; i++) {
      int from = i == 0 ? recordStart : delimiters[i - 1] + 1;
      int to = i == delimiterCount ? recordEnd : delimiters[i];
      if (ValueKinds.isNumberWithNul(buf, from, to)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the input ended inside a quoted field of the record. */
  boolean isUnterminated() {
    return unterminated;
  }

  /** The number of fields of a record without quotes. */
  int fieldCount() {
    return delimiterCount + 1;
  }

  /** Field {@code i} of a record without quotes, or null when it is empty (a missing value). */
  String field(int i) {
    int from = i == 0 ? recordStart : delimiters[i - 1] + 1;
    int to = i == delimiterCount ? recordEnd : delimiters[i];
    return to == from ? null : new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Appends the fields of a record without quotes to {@code batch} as its next row. */
  void copyFieldsTo(CsvBatch.Builder batch) {
    batch.addRow(recordLine, buf, recordStart, recordEnd, delimiters, delimiterCount);
  }

  /**
   * Reads more input. The current record's text is moved to the front of the buffer first (the
   * buffer doubles when the record fills it), so it stays whole; false at the end of the input.
   */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int keep = limit - recordStart;
    if (keep == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    } else if (recordStart > 0) {
      System.arraycopy(buf, recordStart, buf, 0, keep);
    }
    int shift = recordStart;
    base += shift;
    pos -= shift;
    recordEnd -= shift;
    for (int i = 0; i < delimiterCount; i++) {
      delimiters[i] -= shift;
    }
    recordStart = 0;
    limit = keep;
    int n;
    do {
      n = in.read(buf, limit, buf.length - limit);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }
}
