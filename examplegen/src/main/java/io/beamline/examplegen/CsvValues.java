package io.beamline.examplegen;

import com.fasterxml.jackson.core.io.NumberInput;

/**
 * CSV cell text to numbers under the rules type inference uses ({@link ValueKinds}): a cell parses
 * as an INT exactly when its kind is INT, and as a FLOAT exactly when its kind is INT or FLOAT. So a
 * consumer that parses every cell of a column with the column's type finds out, by the parse alone,
 * whether the column's type was right: no separate kind check is needed.
 *
 * <p>Floats are parsed with the FastDoubleParser that Jackson carries (correctly rounded, like
 * {@link Float#parseFloat}, and about three times faster); {@link Float#parseFloat} alone would also
 * accept text that is not a number in a CSV file ({@code NaN}, {@code 1f}, {@code 0x1p3}, padding).
 */
public final class CsvValues {
  private CsvValues() {}

  /**
   * The INT value of {@code text}.
   *
   * @throws NumberFormatException when its kind is not INT
   */
  public static long toLong(String text) {
    // Long.parseLong accepts exactly an optional sign and ASCII digits that fit 64 bits for the
    // ISO-8859-1 text a CSV cell is (no other Unicode digit is below U+0100): the INT kind.
    return Long.parseLong(text);
  }

  /**
   * The FLOAT value of {@code text}.
   *
   * @throws NumberFormatException when its kind is neither INT nor FLOAT
   */
  public static float toFloat(String text) {
    if (ValueKinds.kindOf(text) == ValueKinds.BYTES) {
      throw new NumberFormatException("not a decimal number: " + text);
    }
    return NumberInput.parseFloat(text, true);
  }

  /** Whether {@code text} is a number (its kind INT or FLOAT), as type inference decides. */
  public static boolean isNumber(String text) {
    return ValueKinds.kindOf(text) != ValueKinds.BYTES;
  }

  /** The FLOAT value of a cell whose kind was already checked to be INT or FLOAT. */
  static float checkedToFloat(String text) {
    return NumberInput.parseFloat(text, true);
  }
}
