package io.beamline.io.csv;

import io.beamline.io.files.InputFile;

import io.beamline.core.InvalidInputException;
import io.beamline.core.examples.FeatureType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Column types of CSV input, decided without a side input: a guess from a sample read when the
 * pipeline is built, and the exact kinds over all rows combined in the same pass (a plain result,
 * compared with the guess after the run; the caller reruns with the exact types when they differ).
 *
 * <p>Columns with no value in the sample are guessed BYTES: a column empty in a large sample is most
 * often empty throughout, and an all-empty column is BYTES (nothing to infer from), so that guess
 * needs no second pass; a sparse numeric column costs one. (On the taxi data, whose rarest column,
 * {@code pickup_census_tract}, has one value in 15,002 rows, the default sample covers the whole file
 * and guesses every column right.)
 */
final class CsvTypes {
  /** The default sample: the first rows of the input files, up to this many... */
  static final int SAMPLE_ROWS = 100_000;
  /** ...or this many chars (= bytes), whichever comes first. */
  static final long SAMPLE_CHARS = 32L << 20;

  private CsvTypes() {}

  /** The widest kind code ({@link ValueKinds}) of each column in {@code batch}. */
  static byte[] kinds(CsvBatch batch) {
    byte[] kinds = new byte[batch.columnCount()];
    for (int c = 0; c < kinds.length; c++) {
      byte k = ValueKinds.NONE;
      for (int r = 0; r < batch.rowCount(); r++) {
        // once BYTES, no value can widen it further: skip the scan
        if ((k = (byte) Math.max(k, batch.kindAt(c, r))) == ValueKinds.BYTES) {
          break;
        }
      }
      kinds[c] = k;
    }
    return kinds;
  }

  /**
   * The batch's value kinds ({@link #kinds}) for a consumer that parses every INT and FLOAT cell with
   * its column's type ({@link CsvBatch#longAt}, {@link CsvBatch#floatAt}), or null when a cell does
   * not fit its column's type. A column's scan stops at its first cell whose kind is the column's
   * type: no cell that fits can widen the column further, and the parse fails exactly on a cell that
   * does not fit, so the rest of the column needs no second pass. (Classifying every cell cost
   * ExampleGen about 7% of its CPU; a BYTES column stops, as in {@link #kinds}, at its first text.)
   * A consumer whose parse fails must then report {@link #kinds} of the whole batch instead.
   */
  static byte[] kindsBeforeParse(CsvBatch batch, FeatureType[] types) {
    byte[] kinds = new byte[batch.columnCount()];
    for (int c = 0; c < kinds.length; c++) {
      byte type = code(types[c]);
      byte k = ValueKinds.NONE;
      for (int r = 0; r < batch.rowCount() && k < type; r++) {
        k = (byte) Math.max(k, batch.kindAt(c, r));
      }
      if (k > type) {
        return null;
      }
      kinds[c] = k;
    }
    return kinds;
  }

  /** Whether every column's values fit the type given for it (INT in FLOAT, anything in BYTES). */
  static boolean fits(byte[] kinds, FeatureType[] types) {
    for (int c = 0; c < kinds.length; c++) {
      if (kinds[c] > code(types[c])) {
        return false;
      }
    }
    return true;
  }

  private static byte code(FeatureType type) {
    return switch (type) {
      case INT -> ValueKinds.INT;
      case FLOAT -> ValueKinds.FLOAT;
      case BYTES -> ValueKinds.BYTES;
    };
  }

  static Map<String, FeatureType> named(List<String> header, byte[] kinds) {
    Map<String, FeatureType> out = new TreeMap<>();
    for (int i = 0; i < header.size(); i++) {
      out.put(header.get(i), ValueKinds.toType(kinds[i]));
    }
    return out;
  }

  static FeatureType[] inOrder(List<String> header, Map<String, FeatureType> types) {
    FeatureType[] out = new FeatureType[header.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = types.get(header.get(i));
      if (out[i] == null) {
        throw new InvalidInputException("No feature type given for CSV column '" + header.get(i) + "'");
      }
    }
    return out;
  }

  /**
   * The types the first {@code maxRows} rows (or {@code maxChars} chars) of the files predict.
   * Unparseable rows, and rows with a number damaged by NUL bytes, are skipped here: the pipeline
   * reports them as rejects.
   */
  static Map<String, FeatureType> guess(List<InputFile> files, List<String> header, char delimiter,
      int maxRows, long maxChars) {
    return named(header, sampleKinds(files, header, delimiter, maxRows, maxChars));
  }

  /** The widest kind code per column (header order) in the sample; {@link ValueKinds#NONE} when it has no value. */
  static byte[] sampleKinds(List<InputFile> files, List<String> header, char delimiter, int maxRows, long maxChars) {
    byte[] kinds = new byte[header.size()];
    CsvRows rows = new CsvRows(delimiter);
    long seenRows = 0;
    long seenChars = 0;
    for (InputFile file : files) {
      try (InputStream reader = CsvRows.open(file.path())) {
        CsvRecordSplitter splitter = new CsvRecordSplitter(reader, delimiter, '"');
        splitter.next(); // the header
        for (CsvRecordSplitter.Chunk chunk = splitter.next(); chunk != null; chunk = splitter.next()) {
          if (seenRows >= maxRows || seenChars >= maxChars) {
            return kinds;
          }
          seenChars += chunk.text().length() + 1;
          if (chunk.text().isEmpty()) {
            continue;
          }
          CsvRows.Parsed parsed = rows.parse(chunk);
          if (parsed.error() != null || parsed.values().length != kinds.length) {
            continue;
          }
          String[] values = parsed.values();
          if (anyNumberWithNul(values)) {
            continue; // the reader rejects the row: its damaged number must not make the column BYTES
          }
          seenRows++;
          for (int c = 0; c < kinds.length; c++) {
            if (!values[c].isEmpty() && kinds[c] != ValueKinds.BYTES) {
              kinds[c] = (byte) Math.max(kinds[c], ValueKinds.kindOf(values[c]));
            }
          }
        }
      } catch (IOException e) {
        throw new InvalidInputException("Cannot read CSV file " + EndOfStreamNamed.describe(file.path(), e), e);
      }
    }
    return kinds;
  }

  private static boolean anyNumberWithNul(String[] values) {
    for (String v : values) {
      if (ValueKinds.isNumberWithNul(v)) {
        return true;
      }
    }
    return false;
  }

  /** Per column, the widest kind code seen; merging is the element-wise maximum. */
  static final class KindsFn extends Combine.CombineFn<byte[], byte[], byte[]> {
    private final int columns;

    KindsFn(int columns) {
      this.columns = columns;
    }

    @Override
    public byte[] createAccumulator() {
      return new byte[columns]; // all NONE: no value seen
    }

    @Override
    public byte[] addInput(byte[] acc, byte[] kinds) {
      for (int i = 0; i < columns; i++) {
        acc[i] = (byte) Math.max(acc[i], kinds[i]);
      }
      return acc;
    }

    @Override
    public byte[] mergeAccumulators(Iterable<byte[]> accs) {
      byte[] merged = createAccumulator();
      for (byte[] a : accs) {
        addInput(merged, a);
      }
      return merged;
    }

    @Override
    public byte[] extractOutput(byte[] acc) {
      return acc;
    }

    @Override
    public Coder<byte[]> getAccumulatorCoder(CoderRegistry registry, Coder<byte[]> in) {
      return ByteArrayCoder.of();
    }

    @Override
    public Coder<byte[]> getDefaultOutputCoder(CoderRegistry registry, Coder<byte[]> in) {
      return ByteArrayCoder.of();
    }
  }
}
