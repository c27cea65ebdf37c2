package io.beamline.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The part of one CSV file a reader still owns: records starting at {@code startOffset} (a record
 * boundary, on physical line {@code startLine}) and before {@code endOffset}. Offsets count bytes of
 * the file's (decompressed) content, which are the chars read since bytes are decoded as ISO-8859-1.
 *
 * <p>A range carries its start line because a CSV record boundary cannot be found from an arbitrary
 * offset (a line break may sit inside a quoted field): a range is only ever cut where a reader has
 * just finished a record, and then it knows the line number there too. {@code endOffset} is
 * {@link Long#MAX_VALUE} when the content length is not known up front (compressed files).
 */
record CsvRange(long startOffset, long startLine, long endOffset) implements Serializable {
  CsvRange {
    if (startOffset < 0 || startLine < 1 || endOffset < startOffset) {
      throw new IllegalArgumentException("Bad CSV range: start " + startOffset + " (line " + startLine
          + "), end " + endOffset);
    }
  }

  /** A deterministic coder (three varlongs). */
  static final class Coder extends CustomCoder<CsvRange> {
    private static final VarLongCoder LONG = VarLongCoder.of();

    @Override
    public void encode(CsvRange value, OutputStream out) throws IOException {
      LONG.encode(value.startOffset(), out);
      LONG.encode(value.startLine(), out);
      LONG.encode(value.endOffset(), out);
    }

    @Override
    public CsvRange decode(InputStream in) throws IOException {
      return new CsvRange(LONG.decode(in), LONG.decode(in), LONG.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
