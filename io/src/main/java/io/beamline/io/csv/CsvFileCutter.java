package io.beamline.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one plain CSV file into parts of about {@code partBytes} that begin and end exactly on record
 * boundaries, each with the physical line it starts on, so that parts can be read by different
 * workers and still report the file's own line numbers.
 *
 * <p>A boundary cannot be found from an arbitrary offset (a line break inside a quoted field does not
 * end a record), so the file is scanned once from its start with the same quoting rules as
 * {@link CsvRecordSplitter}: a field is quoted only when its first character is the quote, a doubled
 * quote inside it is an escaped quote, and {@code \r\n}, {@code \n} and {@code \r} are line breaks.
 * The scan does only that: eight bytes at a time while no quote or carriage return is in sight (then
 * no state can change but the line count), byte by byte otherwise and near a cut. Written by hand
 * because no CSV library reports record offsets without parsing every field.
 */
final class CsvFileCutter {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long CARRIAGE_RETURNS = ONES * '\r';
  private static final long LINE_FEEDS = ONES * '\n';

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  private final byte delimiter;
  private final byte quote;
  private final long quotes;

  CsvFileCutter(char delimiter, char quote) {
    if (delimiter > 0xFF || quote > 0xFF) {
      throw new IllegalArgumentException("CSV delimiter and quote must be single-byte (ISO-8859-1) characters");
    }
    this.delimiter = (byte) delimiter;
    this.quote = (byte) quote;
    this.quotes = ONES * (quote & 0xFF);
  }

  /**
   * The parts of the {@code size} bytes of {@code in} (a file's content from its start): contiguous,
   * the first at offset 0 on line 1, the last ending at {@code size}. A part ends at the first record
   * boundary at or after its start plus {@code partBytes}; the first part holds at least the header
   * and one more non-blank record, and no cut leaves a last part below half {@code partBytes}. A file smaller
   * than two parts is one part.
   */
  List<CsvRange> cut(InputStream in, long size, long partBytes) throws IOException {
    List<CsvRange> parts = new ArrayList<>();
    Scan scan = scan(in, 0, 1, size);
    for (CsvRange part = scan.nextPart(partBytes); part != null; part = scan.nextPart(partBytes)) {
      parts.add(part);
    }
    return parts;
  }

  /**
   * A scan of {@code in}, positioned at {@code startOffset} of a file of {@code size} bytes, a
   * record boundary on physical line {@code startLine}.
   */
  Scan scan(InputStream in, long startOffset, long startLine, long size) {
    return new Scan(in, startOffset, startLine, size);
  }

  /** Finds one part after another, from where the last one ended. */
  final class Scan {
    private final InputStream in;
    private final long size;
    private final byte[] buf = new byte[1 << 20];
    private int p;
    private int limit;
    private long base;      // file offset of buf[0]
    private long line;      // the physical line at the scan position
    private long partStart;
    private long partLine;
    private int records;    // non-empty records ended, up to 2 (header + a row in the first part)
    private boolean inRecord; // a byte of the current record seen (a blank line is no record)
    private int state = FIELD_START;
    private boolean pendingCr; // the last buffer ended in a \r that ended a line

    private Scan(InputStream in, long startOffset, long startLine, long size) {
      if (size < startOffset) {
        throw new IllegalArgumentException("Scan start " + startOffset + " past the file's size " + size);
      }
      this.in = in;
      this.size = size;
      this.base = startOffset;
      this.line = startLine;
      this.partStart = startOffset;
      this.partLine = startLine;
      this.records = startOffset == 0 ? 0 : 2;
    }

    /**
     * The next part, ending at the first record boundary at or after its start plus
     * {@code partBytes} (see {@link #cut}), or at the file's end; null when the file is done.
     */
    CsvRange nextPart(long partBytes) throws IOException {
      if (partBytes < 1) {
        throw new IllegalArgumentException("partBytes must be >= 1, got " + partBytes);
      }
      if (partStart >= size && !(partStart == 0 && size == 0)) {
        return null;
      }
      long target = partStart + partBytes;
      if (size - partStart < 2 * partBytes) {
        return finish(size);
      }
      while (true) {
        if (p == limit) {
          base += limit;
          p = 0;
          limit = in.readNBytes(buf, 0, buf.length);
          if (limit == 0) {
            break;
          }
          if (pendingCr) {
            pendingCr = false;
            p = buf[0] == '\n' ? 1 : 0;
            if (state != QUOTED && isCut(base + p, target, records, size, partBytes)) {
              return finish(base + p);
            }
          }
        }
        // Eight bytes at once: only words that end before the target (the byte before it, which may
        // end the record the part ends with, is always looked at alone, so the cut does not depend
        // on how words fall) and once the header and a row are behind (records only counts then).
        if (state != QUOTED && state != QUOTE_IN_QUOTED && records == 2) {
          int skipped = skipPlainWords(p, (int) Math.max(0, Math.min(limit, target - base - 1)));
          if (skipped > p) {
            byte last = buf[skipped - 1];
            state = last == '\n' || last == delimiter ? FIELD_START : UNQUOTED;
            p = skipped;
            continue;
          }
        }
        byte c = buf[p++];
        if (c == '\n' || c == '\r') {
          line++;
          if (c == '\r') {
            if (p == limit) {
              pendingCr = true;
            } else if (buf[p] == '\n') {
              p++;
            }
          }
          if (state == QUOTED) {
            continue;
          }
          state = FIELD_START;
          if (inRecord) {
            records = Math.min(2, records + 1);
            inRecord = false;
          }
          if (!pendingCr && isCut(base + p, target, records, size, partBytes)) {
            return finish(base + p);
          }
          continue;
        }
        inRecord = true;
        if (c == delimiter && state != QUOTED) {
          state = FIELD_START;
          continue;
        }
        state = switch (state) {
          case FIELD_START -> c == quote ? QUOTED : UNQUOTED;
          case QUOTED -> c == quote ? QUOTE_IN_QUOTED : QUOTED;
          case QUOTE_IN_QUOTED -> c == quote ? QUOTED : UNQUOTED;
          default -> UNQUOTED;
        };
      }
      if (base != size) {
        throw new IOException("CSV file changed while being cut into parts: expected " + size
            + " bytes, read " + base);
      }
      return finish(size);
    }

    /**
     * Skips the 8-byte words from {@code from} that hold no quote and no carriage return and end by
     * {@code end}, counting their line feeds; the new position. Its own small loop so that the JIT
     * compiles it tight: one word a pass inside {@link #nextPart} cut taxi x1000 (1.9 GB) in 1.9-2.5 s,
     * this loop in 0.72-0.87 s, into the same parts.
     */
    private int skipPlainWords(int from, int end) {
      long quoteWord = quotes;
      int at = from;
      long lineFeeds = 0;
      while (at + 8 <= end) {
        long word = (long) LONGS.get(buf, at);
        if (hasByte(word, quoteWord) || hasByte(word, CARRIAGE_RETURNS)) {
          break;
        }
        lineFeeds += countBytes(word, LINE_FEEDS);
        at += 8;
      }
      line += lineFeeds;
      return at;
    }

    /** The line the next part starts on (after a part that ended before the file's end). */
    long nextLine() {
      return partLine;
    }

    /** The current part, ended at {@code end}; the next one starts there. */
    private CsvRange finish(long end) {
      CsvRange part = new CsvRange(partStart, partLine, end);
      partStart = end == partStart ? Long.MAX_VALUE : end; // an empty file is one empty part
      partLine = line;
      return part;
    }
  }

  /**
   * Whether a record boundary at {@code offset} ends the current part: past the target, after the
   * header and a record, and not leaving a last part below half the part size.
   */
  private static boolean isCut(long offset, long target, int records, long size, long partBytes) {
    return offset >= target && records >= 2 && size - offset >= partBytes / 2;
  }

  /** Whether some byte of {@code word} equals the byte repeated in {@code pattern}. */
  private static boolean hasByte(long word, long pattern) {
    long x = word ^ pattern;
    return ((x - ONES) & ~x & (ONES << 7)) != 0;
  }

  /** How many bytes of {@code word} equal the byte repeated in {@code pattern} (exact, no carries). */
  private static int countBytes(long word, long pattern) {
    long x = word ^ pattern;
    long zeroHigh = ~(((x & LOW7) + LOW7) | x | LOW7);
    return Long.bitCount(zeroHigh);
  }
}
