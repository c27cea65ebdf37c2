package io.beamline.examplegen;

import java.io.IOException;
import java.io.Reader;

/**
 * Cuts a CSV character stream into records, keeping each record's first physical line number and
 * its exact text. Written by hand because commons-csv reports neither the raw text of a record nor a
 * way to resume after a malformed one; the fields of each record are still parsed by commons-csv
 * ({@link CsvRows}), and this class only follows RFC 4180's quoting far enough to know where a record
 * ends: a line break ends a record unless it is inside a quoted field, and a field is quoted only when
 * its first character is the quote.
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

  private final Reader in;
  private final char delimiter;
  private final char quote;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int limit;
  /** Chars (= bytes, as decoded ISO-8859-1) consumed before {@code buf[0]}. */
  private long base;
  private long line;
  private final StringBuilder text = new StringBuilder();

  CsvRecordSplitter(Reader in, char delimiter, char quote) {
    this(in, delimiter, quote, 0, 1);
  }

  /**
   * A splitter over input that starts on a record boundary at {@code startOffset} of its file, on
   * physical line {@code startLine}: offsets and line numbers it reports are the file's.
   */
  CsvRecordSplitter(Reader in, char delimiter, char quote, long startOffset, long startLine) {
    this.in = in;
    this.delimiter = delimiter;
    this.quote = quote;
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
    text.setLength(0);
    long start = line;
    int state = FIELD_START;
    boolean any = false;
    boolean quoted = false;
    while (true) {
      int c = read();
      if (c < 0) {
        return any ? new Chunk(start, text.toString(), state == QUOTED, quoted) : null;
      }
      any = true;
      if (c == '\n' || c == '\r') {
        boolean crlf = c == '\r' && peek() == '\n';
        if (crlf) {
          read();
        }
        line++;
        if (state != QUOTED) {
          return new Chunk(start, text.toString(), false, quoted);
        }
        text.append((char) c);
        if (crlf) {
          text.append('\n');
        }
        continue;
      }
      text.append((char) c);
      if (c == quote) {
        quoted = true;
      }
      state = switch (state) {
        case FIELD_START -> c == quote ? QUOTED : c == delimiter ? FIELD_START : UNQUOTED;
        case QUOTED -> c == quote ? QUOTE_IN_QUOTED : QUOTED;
        // a second quote is an escaped quote; anything else closes the field (commons-csv then
        // rejects stray characters after the closing quote)
        case QUOTE_IN_QUOTED -> c == quote ? QUOTED : c == delimiter ? FIELD_START : UNQUOTED;
        default -> c == delimiter ? FIELD_START : UNQUOTED;
      };
    }
  }

  private int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos];
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    base += limit;
    pos = 0;
    limit = n;
    return true;
  }
}
