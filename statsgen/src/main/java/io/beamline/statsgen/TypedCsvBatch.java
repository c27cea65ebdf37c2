package io.beamline.statsgen;

import io.beamline.core.InvalidInputException;
import io.beamline.core.examples.FeatureType;
import io.beamline.io.columns.FeatureColumns;
import io.beamline.io.columns.ValueSink;
import io.beamline.io.csv.CsvBatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A batch of CSV rows read with column types, as {@link FeatureColumns}: each column pushes its cells
 * straight from their bytes, each parsed once with the column's type, in a loop specialized per
 * type (numbers parsed from the bytes, ASCII strings without decoding, unweighted presence counted
 * in bulk since a cell holds at most one value). This is the path of
 * statistics straight from a CSV file; it gives the same statistics as typing the rows as an Arrow
 * batch first ({@link io.beamline.io.examples.ArrowColumns}, tested equal), without building and
 * reading back Arrow vectors.
 *
 * <p>A cell that does not parse with its column's type means the types (guessed from a sample of the
 * input) were wrong: {@link CsvTypeMismatch} is thrown, naming the cell, and the caller reads again
 * with exact types. So is a number in a column that had no value in the sample (typed BYTES for want
 * of one: its exact type may be INT or FLOAT). Numbers are parsed from the bytes; a string value is
 * made only for string columns: its bytes as they are in the file, decoded as UTF-8 (as the Arrow
 * path does), directly as text when they are ASCII.
 */
final class TypedCsvBatch implements FeatureColumns {
  private final CsvBatch batch;
  private final List<String> names;
  private final FeatureType[] types;
  private final boolean[] unseen;

  /**
   * @param names the column names, in the batch's column order
   * @param types the type of each column, same order
   * @param unseen per column, whether it had no value in the sample its type was guessed from (typed
   *     BYTES for want of a value: a number in it means the guess was wrong); null when none
   */
  TypedCsvBatch(CsvBatch batch, List<String> names, FeatureType[] types, boolean[] unseen) {
    if (names.size() != batch.columnCount() || types.length != names.size()) {
      throw new IllegalArgumentException("CSV batch of " + batch.columnCount() + " columns, given "
          + names.size() + " names and " + types.length + " types");
    }
    this.batch = batch;
    this.names = names;
    this.types = types;
    this.unseen = unseen == null ? new boolean[types.length] : unseen;
  }

  @Override
  public int rowCount() {
    return batch.rowCount();
  }

  @Override
  public int columnCount() {
    return names.size();
  }

  @Override
  public String name(int c) {
    return names.get(c);
  }

  @Override
  public FeatureType type(int c) {
    return types[c];
  }

  /**
   * Pushes column {@code c} of rows {@code rows[0..count)} (or {@code 0..count)} when null) into
   * {@code sink}, with the rows' {@code weights} (null when unweighted): one loop per type.
   */
  @Override
  public void pushColumn(int c, int[] rows, int count, double[] weights, ValueSink sink) {
    long present = 0; // unweighted: presence is reported once, in bulk
    switch (types[c]) {
      case INT -> {
        for (int i = 0; i < count; i++) {
          int r = rows == null ? i : rows[i];
          if (batch.isMissing(c, r)) {
            continue; // an empty cell: the feature is missing from this example
          }
          double w = presentAt(r, weights, sink);
          present++;
          sink.addLong(toLong(c, r), w);
        }
      }
      case FLOAT -> {
        for (int i = 0; i < count; i++) {
          int r = rows == null ? i : rows[i];
          if (batch.isMissing(c, r)) {
            continue;
          }
          double w = presentAt(r, weights, sink);
          present++;
          sink.addFloat(toFloat(c, r), w);
        }
      }
      case BYTES -> {
        boolean checkNumbers = unseen[c];
        for (int i = 0; i < count; i++) {
          int r = rows == null ? i : rows[i];
          if (batch.isMissing(c, r)) {
            continue;
          }
          double w = presentAt(r, weights, sink);
          present++;
          if (checkNumbers && batch.isNumberAt(c, r)) {
            throw mismatch(c, r);
          }
          if (batch.isAsciiAt(c, r)) {
            sink.addAscii(batch.value(c, r), w);
          } else {
            sink.addBytes(batch.bytesAt(c, r), w);
          }
        }
      }
    }
    if (weights == null) {
      sink.presentOnes(present);
    }
  }

  /** Row {@code r}'s weight (1 when unweighted); reports its presence now when weighted. */
  private static double presentAt(int r, double[] weights, ValueSink sink) {
    if (weights == null) {
      return 1;
    }
    double w = weights[r];
    sink.presentOne(w);
    return w;
  }

  /** The weight of each row, from the weight feature: one finite value in [0, 2^40] per row. */
  double[] weights(String feature) {
    int c = names.indexOf(feature);
    if (c < 0) {
      throw new InvalidInputException("Weight feature '" + feature + "' is not a column of " + batch.file()
          + "; columns: " + names);
    }
    if (types[c] == FeatureType.BYTES) {
      throw new InvalidInputException("Weight feature '" + feature + "' must hold INT or FLOAT values, but column '"
          + feature + "' of " + batch.file() + " holds text");
    }
    double[] weights = new double[rowCount()];
    for (int r = 0; r < weights.length; r++) {
      if (batch.isMissing(c, r)) {
        throw new InvalidInputException("Weight feature '" + feature + "' is empty in " + where(r)
            + "; every example needs exactly one weight value");
      }
      double w = types[c] == FeatureType.INT ? toLong(c, r) : toFloat(c, r);
      if (!(w >= 0 && w <= Weights.MAX_WEIGHT)) {
        throw new InvalidInputException("Weight feature '" + feature + "' has weight " + batch.value(c, r) + " in "
            + where(r)
            + "; weights must be finite, >= 0 and <= 2^40");
      }
      weights[r] = w;
    }
    return weights;
  }

  /** The slices of this batch's rows (each cell holds at most one value). */
  Map<String, Slicer.Rows> slices(Slicer slicer) {
    List<String> features = slicer.features();
    int[] columns = new int[features.size()];
    for (int f = 0; f < columns.length; f++) {
      columns[f] = names.indexOf(features.get(f));
      if (columns[f] < 0) {
        return Map.of(); // missing from every row: no slice of this batch
      }
      if (types[columns[f]] == FeatureType.FLOAT) {
        throw new InvalidInputException("Slice feature '" + features.get(f)
            + "' must hold INT or BYTES (string) values, but column '" + features.get(f) + "' of " + batch.file()
            + " holds FLOAT values");
      }
    }
    return slicer.rows(rowCount(), (f, r) -> {
      int c = columns[f];
      if (batch.isMissing(c, r)) {
        return List.of();
      }
      return List.of(types[c] == FeatureType.INT ? Long.toString(toLong(c, r)) : sliceText(c, r));
    });
  }

  private String sliceText(int c, int r) {
    if (batch.isAsciiAt(c, r)) {
      return batch.value(c, r);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(batch.bytesAt(c, r))).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("Slice feature '" + names.get(c) + "' has a value that is not valid UTF-8 in "
          + where(r) + "; slice names are text");
    }
  }

  private long toLong(int c, int r) {
    try {
      return batch.longAt(c, r);
    } catch (NumberFormatException e) {
      throw mismatch(c, r);
    }
  }

  private float toFloat(int c, int r) {
    try {
      return batch.floatAt(c, r);
    } catch (NumberFormatException e) {
      throw mismatch(c, r);
    }
  }

  private CsvTypeMismatch mismatch(int c, int r) {
    return new CsvTypeMismatch(names.get(c), types[c], batch.file(), batch.line(r), batch.value(c, r));
  }

  private String where(int r) {
    return batch.file() + " line " + batch.line(r);
  }
}
