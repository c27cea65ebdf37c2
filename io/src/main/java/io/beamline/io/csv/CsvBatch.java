package io.beamline.io.csv;

import ch.randelshofer.fastdoubleparser.JavaFloatParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Consecutive accepted rows of one CSV file, as the reader cut them: the unit the CSV reader emits
 * (one element per row would let Beam's per-element overhead dominate). A cell is its bytes as read,
 * one ISO-8859-1 char per byte; an empty cell is a missing value.
 *
 * <p>The cells' bytes lie in one array, with a start and a length per cell, so reading a batch makes
 * no object per cell: a consumer parses numbers straight from the bytes ({@link #longAt},
 * {@link #floatAt}) and makes strings only where it needs them ({@link #value}). Numbers follow the
 * rules of type inference ({@link ValueKinds}): {@link #longAt} succeeds exactly on an INT cell,
 * {@link #floatAt} exactly on an INT or FLOAT cell, so parsing a column with its type is also the check
 * that the type fits. Immutable once built.
 */
public final class CsvBatch {
  private final String split;
  private final String file;
  private final long[] lines;
  private final int columns;
  private final byte[] data;
  /** Cell (c, r) is at index {@code c * stride + r}: a batch is laid out column by column. */
  private final int stride;
  private final int[] starts;
  private final int[] lengths;

  private CsvBatch(String split, String file, long[] lines, int columns, byte[] data, int stride, int[] starts,
      int[] lengths) {
    this.split = Objects.requireNonNull(split, "split");
    this.file = Objects.requireNonNull(file, "file");
    this.lines = lines;
    this.columns = columns;
    this.data = data;
    this.stride = stride;
    this.starts = starts;
    this.lengths = lengths;
  }

  /**
   * A batch of the given cells, {@code columns[c][r]} for column {@code c} (header order) of row
   * {@code r}, each ISO-8859-1 text or null when missing.
   */
  public static CsvBatch of(String split, String file, long[] lines, String[][] columns) {
    Builder b = new Builder(split, file, columns.length, lines.length);
    for (String[] column : columns) {
      if (column.length != lines.length) {
        throw new IllegalArgumentException("CSV batch column of " + column.length + " rows, expected "
            + lines.length);
      }
    }
    String[] row = new String[columns.length];
    for (int r = 0; r < lines.length; r++) {
      for (int c = 0; c < columns.length; c++) {
        row[c] = columns[c][r];
      }
      b.addRow(lines[r], row);
    }
    return b.build();
  }

  /** The file's pre-split name, or empty when its rows are hash-split. */
  public String split() {
    return split;
  }

  public String file() {
    return file;
  }

  public int rowCount() {
    return lines.length;
  }

  public int columnCount() {
    return columns;
  }

  /** The physical line (1-based) row {@code r} starts on. */
  public long line(int r) {
    return lines[r];
  }

  public boolean isMissing(int c, int r) {
    return lengths[c * stride + r] == 0;
  }

  /** Column {@code c} of row {@code r} as text, or null when the cell was empty. */
  public String value(int c, int r) {
    int i = c * stride + r;
    return lengths[i] == 0 ? null : new String(data, starts[i], lengths[i], StandardCharsets.ISO_8859_1);
  }

  /** The cell's bytes (a copy), as in the file. */
  public byte[] bytesAt(int c, int r) {
    int i = c * stride + r;
    return Arrays.copyOfRange(data, starts[i], starts[i] + lengths[i]);
  }

  /** The cell's length in bytes (0 when missing). */
  public int lengthAt(int c, int r) {
    return lengths[c * stride + r];
  }

  /** Copies the cell's bytes into {@code dest} at {@code offset}; returns how many. */
  public int copyCell(int c, int r, byte[] dest, int offset) {
    int i = c * stride + r;
    System.arraycopy(data, starts[i], dest, offset, lengths[i]);
    return lengths[i];
  }

  /** Whether every byte of the cell is ASCII, so its text is also its UTF-8 decoding. */
  public boolean isAsciiAt(int c, int r) {
    int i = c * stride + r;
    for (int j = starts[i], end = j + lengths[i]; j < end; j++) {
      if (data[j] < 0) {
        return false;
      }
    }
    return true;
  }

  /** The cell's kind code ({@link ValueKinds}); {@link ValueKinds#NONE} when missing. */
  byte kindAt(int c, int r) {
    int i = c * stride + r;
    return lengths[i] == 0 ? ValueKinds.NONE : ValueKinds.kindOf(data, starts[i], starts[i] + lengths[i]);
  }

  /** Whether the cell holds a number (its kind INT or FLOAT). */
  public boolean isNumberAt(int c, int r) {
    byte kind = kindAt(c, r);
    return kind == ValueKinds.INT || kind == ValueKinds.FLOAT;
  }

  /**
   * The cell as an INT.
   *
   * @throws NumberFormatException unless its kind is INT
   */
  public long longAt(int c, int r) {
    int i = c * stride + r;
    return ValueKinds.parseLong(data, starts[i], starts[i] + lengths[i]);
  }

  /**
   * The cell as a FLOAT, correctly rounded as {@link Float#parseFloat} but several times faster: plain
   * decimals by hand ({@code ValueKinds.parsePlainFloat}), other shapes by FastDoubleParser. NaN and
   * the infinities in the spellings of type inference ({@code nan}, {@code -Inf}, {@code Infinity},
   * ...) are {@link Float#NaN} and the infinities; a decimal beyond float's range is an infinity.
   *
   * @throws NumberFormatException unless its kind is INT or FLOAT
   */
  public float floatAt(int c, int r) {
    int i = c * stride + r;
    int from = starts[i];
    int length = lengths[i];
    float plain = ValueKinds.parsePlainFloat(data, from, from + length);
    if (!Float.isNaN(plain)) {
      return plain;
    }
    if (length == 0) {
      throw new NumberFormatException("not a decimal number in column " + c + " of row " + r);
    }
    if (!mayBeDecimal(data, from, length)) {
      int special = ValueKinds.special(data, from, from + length);
      if (special != ValueKinds.NOT_SPECIAL) {
        return ValueKinds.specialValue(special);
      }
      throw new NumberFormatException("not a decimal number in column " + c + " of row " + r);
    }
    return JavaFloatParser.parseFloat(data, from, length);
  }

  /**
   * Rules out, in constant time, what the parser (Java's float syntax) takes beyond the decimal
   * numbers of type inference: NaN and Infinity (whose spellings {@link #floatAt} reads itself), hex, a type suffix, surrounding blanks. Those must
   * begin with a letter or blank, end with a letter or blank, or have an 'x' after the leading zero;
   * anything else the parser takes is a decimal number (tested against {@link ValueKinds#kindOf}).
   */
  private static boolean mayBeDecimal(byte[] b, int from, int length) {
    byte first = b[from];
    byte last = b[from + length - 1];
    if (!(isDigit(first) || first == '-' || first == '+' || first == '.') || !(isDigit(last) || last == '.')) {
      return false;
    }
    int x = from + (first == '-' || first == '+' ? 2 : 1);
    return x >= from + length || (b[x] != 'x' && b[x] != 'X');
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** Every cell as text, {@code [c][r]}, null when missing: for consumers that want strings. */
  public String[][] columns() {
    String[][] out = new String[columns][lines.length];
    for (int c = 0; c < columns; c++) {
      for (int r = 0; r < lines.length; r++) {
        out[c][r] = value(c, r);
      }
    }
    return out;
  }

  /** Builds a batch row by row; cells are copied into one growing array. */
  static final class Builder {
    private final String split;
    private final String file;
    private final int columns;
    private final int capacity;
    private long[] lines;
    private byte[] data;
    private int size;
    /** Cell (c, r) at {@code c * capacity + r}, as the batch keeps them: built with no transposition. */
    private int[] starts;
    private int[] lengths;
    private int rows;

    Builder(String split, String file, int columns, int capacity) {
      this.split = split;
      this.file = file;
      this.columns = columns;
      this.capacity = capacity;
      this.lines = new long[capacity];
      this.data = new byte[Math.max(64, capacity * columns * 8)];
      this.starts = new int[capacity * columns];
      this.lengths = new int[capacity * columns];
    }

    int rows() {
      return rows;
    }

    /**
     * Adds a row from a record's bytes {@code buf[from, to)} whose {@code delimiterCount} delimiters
     * (exactly {@code columns - 1} of them) are at {@code delimiters}: the record is copied once.
     */
    void addRow(long line, byte[] buf, int from, int to, int[] delimiters, int delimiterCount) {
      int length = to - from;
      ensureData(length);
      System.arraycopy(buf, from, data, size, length);
      int start = from;
      for (int c = 0, cell = rows; c < columns; c++, cell += capacity) {
        int end = c == delimiterCount ? to : delimiters[c];
        starts[cell] = size + (start - from);
        lengths[cell] = end - start;
        start = end + 1;
      }
      size += length;
      lines[rows++] = line;
    }

    /** Adds a row of text cells (ISO-8859-1 chars; null or empty when missing). */
    void addRow(long line, String[] cells) {
      for (int c = 0, cell = rows; c < columns; c++, cell += capacity) {
        String v = cells[c];
        int length = v == null ? 0 : v.length();
        ensureData(length);
        for (int j = 0; j < length; j++) {
          data[size + j] = (byte) v.charAt(j);
        }
        starts[cell] = size;
        lengths[cell] = length;
        size += length;
      }
      lines[rows++] = line;
    }

    private void ensureData(int more) {
      if (size + more > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
      }
    }

    /** The batch of the rows added so far; the builder must not be used afterwards. */
    CsvBatch build() {
      return new CsvBatch(split, file, Arrays.copyOf(lines, rows), columns, data, capacity, starts, lengths);
    }
  }

  /** Deterministic coder: each cell as its length (0 when missing) and bytes, column by column. */
  static final class Coder extends CustomCoder<CsvBatch> {
    private static final Coder INSTANCE = new Coder();

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(CsvBatch batch, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(batch.split, out);
      StringUtf8Coder.of().encode(batch.file, out);
      int rows = batch.rowCount();
      VarIntCoder.of().encode(rows, out);
      VarIntCoder.of().encode(batch.columns, out);
      long previous = 0;
      for (long line : batch.lines) {
        VarInt.encode(line - previous, out); // lines ascend: small deltas
        previous = line;
      }
      for (int c = 0; c < batch.columns; c++) {
        for (int r = 0; r < rows; r++) {
          int i = c * batch.stride + r;
          VarInt.encode(batch.lengths[i], out);
          out.write(batch.data, batch.starts[i], batch.lengths[i]);
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
      int[] starts = new int[rows * cols];
      int[] lengths = new int[rows * cols];
      byte[] data = new byte[Math.max(64, rows * cols * 8)];
      int size = 0;
      for (int i = 0; i < starts.length; i++) {
        int n = VarInt.decodeInt(in);
        if (size + n > data.length) {
          data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
        }
        if (in.readNBytes(data, size, n) != n) {
          throw new IOException("CSV batch ended early");
        }
        starts[i] = size;
        lengths[i] = n;
        size += n;
      }
      return new CsvBatch(split, file, lines, cols, data, rows, starts, lengths);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
