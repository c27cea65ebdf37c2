package io.beamline.examplegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Consecutive accepted rows of one CSV file, column by column: the unit the CSV reader emits (one
 * element per row would let Beam's per-element overhead dominate). Values are the cells' text as
 * read, one char per byte (ISO-8859-1), or null for an empty cell (a missing value).
 *
 * @param split the file's pre-split name, or empty when its rows are hash-split
 * @param file the file's path
 * @param lines the physical line (1-based) each row starts on, in file order
 * @param columns {@code columns[c][r]}: column {@code c} (header order) of row {@code r}
 */
public record CsvBatch(String split, String file, long[] lines, String[][] columns) {
  public CsvBatch {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(lines, "lines");
    Objects.requireNonNull(columns, "columns");
    for (String[] column : columns) {
      if (column.length != lines.length) {
        throw new IllegalArgumentException("CSV batch column of " + column.length + " rows, expected "
            + lines.length);
      }
    }
  }

  public int rowCount() {
    return lines.length;
  }

  /** Column {@code c} of row {@code r}, or null when the cell was empty. */
  public String value(int c, int r) {
    return columns[c][r];
  }

  /** Deterministic coder: the text as its ISO-8859-1 bytes, one byte per char. */
  static final class Coder extends CustomCoder<CsvBatch> {
    private static final Coder INSTANCE = new Coder();

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(CsvBatch batch, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(batch.split(), out);
      StringUtf8Coder.of().encode(batch.file(), out);
      int rows = batch.rowCount();
      VarIntCoder.of().encode(rows, out);
      VarIntCoder.of().encode(batch.columns().length, out);
      long previous = 0;
      for (long line : batch.lines()) {
        VarInt.encode(line - previous, out); // lines ascend: small deltas
        previous = line;
      }
      for (String[] column : batch.columns()) {
        for (String v : column) {
          if (v == null) {
            VarInt.encode(0, out);
          } else {
            VarInt.encode(v.length() + 1, out);
            out.write(v.getBytes(StandardCharsets.ISO_8859_1));
          }
        }
      }
    }

    @Override
    public CsvBatch decode(InputStream in) throws IOException {
      String split = StringUtf8Coder.of().decode(in);
      String file = StringUtf8Coder.of().decode(in);
      int rows = VarIntCoder.of().decode(in);
      int cols = VarIntCoder.of().decode(in);
      long[] lines = new long[rows];
      long previous = 0;
      for (int r = 0; r < rows; r++) {
        previous += VarInt.decodeLong(in);
        lines[r] = previous;
      }
      String[][] columns = new String[cols][rows];
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          int n = VarInt.decodeInt(in);
          if (n > 0) {
            columns[c][r] = new String(in.readNBytes(n - 1), StandardCharsets.ISO_8859_1);
          }
        }
      }
      return new CsvBatch(split, file, lines, columns);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
