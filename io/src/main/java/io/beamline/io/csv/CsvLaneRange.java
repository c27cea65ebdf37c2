package io.beamline.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What a reader still owns of a {@link CsvLane}: the records from part {@code startPart} at
 * {@code startOffset} (a record boundary, on physical line {@code startLine} of that part's file) up
 * to, not including, part {@code endPart} at {@code endOffset}; every part in between to its end. A
 * lane's whole range ends at part {@code n} (one past the last) at offset 0.
 *
 * <p>Like {@link CsvRange}, a range only ever starts where a reader has just finished a record (or at
 * a part's start), since a record boundary cannot be found from an arbitrary offset.
 */
record CsvLaneRange(int startPart, long startOffset, long startLine, int endPart, long endOffset)
    implements Serializable {
  CsvLaneRange {
    if (startPart < 0 || startOffset < 0 || startLine < 1 || endOffset < 0
        || endPart < startPart || (endPart == startPart && endOffset < startOffset)) {
      throw new IllegalArgumentException("Bad CSV lane range: from part " + startPart + " at " + startOffset
          + " (line " + startLine + ") to part " + endPart + " at " + endOffset);
    }
  }

  /** The whole lane. */
  static CsvLaneRange of(CsvLane lane) {
    CsvFilePart first = lane.parts().get(0);
    return new CsvLaneRange(0, first.startOffset(), first.startLine(), lane.parts().size(), 0);
  }

  /** Whether the position (part, offset) is at or past the range's end. */
  boolean isAtOrPastEnd(int part, long offset) {
    return part > endPart || (part == endPart && offset >= endOffset);
  }

  /**
   * The bytes of {@code part} that are in this range, as a {@link CsvRange} of that part's file, or
   * null when none are.
   */
  CsvRange within(int index, CsvFilePart part) {
    if (index < startPart || index > endPart) {
      return null;
    }
    long start = index == startPart ? startOffset : part.startOffset();
    long line = index == startPart ? startLine : part.startLine();
    long end = index == endPart ? Math.min(endOffset, part.endOffset()) : part.endOffset();
    return start < end ? new CsvRange(start, line, end) : null;
  }

  /** A deterministic coder (two varints, three varlongs). */
  static final class Coder extends CustomCoder<CsvLaneRange> {
    private static final VarIntCoder INT = VarIntCoder.of();
    private static final VarLongCoder LONG = VarLongCoder.of();

    @Override
    public void encode(CsvLaneRange value, OutputStream out) throws IOException {
      INT.encode(value.startPart(), out);
      LONG.encode(value.startOffset(), out);
      LONG.encode(value.startLine(), out);
      INT.encode(value.endPart(), out);
      LONG.encode(value.endOffset(), out);
    }

    @Override
    public CsvLaneRange decode(InputStream in) throws IOException {
      return new CsvLaneRange(INT.decode(in), LONG.decode(in), LONG.decode(in), INT.decode(in), LONG.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
