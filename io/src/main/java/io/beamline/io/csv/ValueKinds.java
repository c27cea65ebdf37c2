package io.beamline.io.csv;

import io.beamline.core.examples.FeatureType;
import java.nio.charset.StandardCharsets;

/**
 * Classifies one CSV value into the narrowest type that holds it, as TFX does: a whole number that
 * fits 64 bits is INT, a decimal number (optional sign, digits with an optional point, optional
 * exponent) is FLOAT, anything else is BYTES. A decimal too large for a float ({@code 1e309}) is
 * FLOAT too, read as an infinity.
 *
 * <p>NaN and infinity are FLOAT in the spellings Python's {@code float()} accepts, which TFX's CSV
 * decoder relies on: {@code nan}, {@code inf} and {@code infinity}, in any case, with an optional
 * sign ({@code NaN}, {@code -Inf}, {@code +INFINITY}, {@code -nan}). Without this, one {@code NaN}
 * in a column of numbers silently made the whole column BYTES. Other spellings stay BYTES: Python
 * also strips surrounding blanks and takes {@code 1_000}, Java takes hex and {@code 1f} /
 * {@code 1d} suffixes, but a number in a CSV cell has none of those, and a blank is data.
 *
 * <p>The codes order the types so that widening two columns' types is their maximum.
 */
final class ValueKinds {
  static final byte NONE = 0;
  static final byte INT = 1;
  static final byte FLOAT = 2;
  static final byte BYTES = 3;

  private ValueKinds() {}

  /** The kind code of a non-empty value. */
  static byte kindOf(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return kindOf(b, 0, b.length);
  }

  /**
   * The kind code of the non-empty value in bytes {@code b[from, to)} (one ISO-8859-1 char each).
   * A hand-written scan: it runs once per CSV cell.
   */
  static byte kindOf(byte[] b, int from, int to) {
    int i = from;
    if (i < to && (b[i] == '+' || b[i] == '-')) {
      i++;
    }
    int intStart = i;
    while (i < to && isDigit(b[i])) {
      i++;
    }
    int intDigits = i - intStart;
    if (i == to) {
      if (intDigits == 0) {
        return BYTES;
      }
      return fitsLong(b, from, to) ? INT : FLOAT;
    }
    int fracDigits = 0;
    if (b[i] == '.') {
      i++;
      int fracStart = i;
      while (i < to && isDigit(b[i])) {
        i++;
      }
      fracDigits = i - fracStart;
    }
    if (intDigits + fracDigits == 0) {
      // only a value with no digit at all can be NaN or an infinity: the check costs numbers nothing
      return intDigits == 0 && i == intStart && special(b, from, to) != NOT_SPECIAL ? FLOAT : BYTES;
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < to && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int expStart = i;
      while (i < to && isDigit(b[i])) {
        i++;
      }
      if (i == expStart) {
        return BYTES;
      }
    }
    return i == to ? FLOAT : BYTES;
  }

  /**
   * The INT value of bytes {@code b[from, to)}: an optional sign and decimal digits that fit 64 bits,
   * as {@link Long#parseLong} reads them (written for bytes, so a cell needs no string first).
   *
   * @throws NumberFormatException when the value's kind is not INT
   */
  static long parseLong(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    if (i == to) {
      throw new NumberFormatException("not an integer: '" + new String(b, from, to - from,
          StandardCharsets.ISO_8859_1) + "'");
    }
    if (to - i <= 18) { // at most 18 digits: no overflow is possible, no checks needed
      long result = 0;
      for (; i < to; i++) {
        int digit = b[i] - '0';
        if (digit < 0 || digit > 9) {
          throw notLong(b, from, to);
        }
        result = result * 10 + digit;
      }
      return negative ? -result : result;
    }
    // accumulate negatively, as Long.parseLong does, so that Long.MIN_VALUE fits
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multiplyMin = limit / 10;
    long result = 0;
    for (; i < to; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9 || result < multiplyMin) {
        throw notLong(b, from, to);
      }
      result *= 10;
      if (result < limit + digit) {
        throw notLong(b, from, to);
      }
      result -= digit;
    }
    return negative ? result : -result;
  }

  /** 10^k for k <= 15: exact doubles. */
  private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
      1e13, 1e14, 1e15};

  /**
   * A plain decimal ({@code [+-]digits[.digits]}, at most 15 digits) as the correctly rounded float,
   * or NaN for anything else (the caller then uses a general parser). Written by hand because it is
   * the common shape of CSV numbers and a general parser spends most of its time on the shapes it
   * must also accept. Why it is exact: the digits as a long and 10^k are exact doubles, so their
   * quotient is the correctly rounded double of the decimal; rounding that double to float can only
   * differ from rounding the decimal itself when the double lies exactly halfway between two floats
   * (a float midpoint is a double, and rounding is monotonic), and that case falls back. At most 15
   * digits keep the value far from float's subnormal and overflow ranges.
   */
  static float parsePlainFloat(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long digits = 0;
    int count = 0;
    int dot = -1;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d >= 0 && d <= 9) {
        digits = digits * 10 + d;
        if (++count > 15) {
          return Float.NaN;
        }
      } else if (b[i] == '.' && dot < 0) {
        dot = i;
      } else {
        return Float.NaN;
      }
    }
    if (count == 0) {
      return Float.NaN;
    }
    double value = digits / POW10[dot < 0 ? 0 : to - dot - 1];
    if ((Double.doubleToRawLongBits(value) & 0x1FFF_FFFFL) == 0x1000_0000L) {
      return Float.NaN; // exactly a float midpoint: the double may have been rounded onto it
    }
    float f = (float) value;
    return negative ? -f : f;
  }

  /** What {@link #special} finds: not NaN or an infinity, NaN, +infinity, -infinity. */
  static final int NOT_SPECIAL = 0;
  static final int NAN = 1;
  static final int POS_INF = 2;
  static final int NEG_INF = 3;

  /**
   * Whether bytes {@code b[from, to)} spell NaN or an infinity (see the class comment: an optional
   * sign, then {@code nan}, {@code inf} or {@code infinity} in any case); the sign of NaN is dropped.
   */
  static int special(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '+' || b[i] == '-')) {
      negative = b[i] == '-';
      i++;
    }
    int n = to - i;
    if (n == 3 && matchesLower(b, i, "nan")) {
      return NAN;
    }
    if ((n == 3 && matchesLower(b, i, "inf")) || (n == 8 && matchesLower(b, i, "infinity"))) {
      return negative ? NEG_INF : POS_INF;
    }
    return NOT_SPECIAL;
  }

  /** The float a {@link #special} code stands for. */
  static float specialValue(int code) {
    return switch (code) {
      case NAN -> Float.NaN;
      case POS_INF -> Float.POSITIVE_INFINITY;
      case NEG_INF -> Float.NEGATIVE_INFINITY;
      default -> throw new IllegalArgumentException("not NaN or an infinity: " + code);
    };
  }

  /** Whether {@code b[from..]} is {@code lower} in any case ({@code | 0x20} lowers ASCII letters only). */
  private static boolean matchesLower(byte[] b, int from, String lower) {
    for (int j = 0; j < lower.length(); j++) {
      if ((b[from + j] | 0x20) != lower.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether bytes {@code b[from, to)} hold a NUL byte and, NUL bytes aside, are a number (INT or
   * FLOAT) or nothing at all: a number damaged by NULs (a file partly overwritten with zeros, or
   * written as UTF-16), never a value. Such a cell would otherwise be BYTES and turn its whole
   * column into strings; the reader rejects its row instead. Text with a NUL ({@code "ab\0c"}) is
   * not a damaged number: it stays a BYTES value.
   */
  static boolean isNumberWithNul(byte[] b, int from, int to) {
    int nuls = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == 0) {
        nuls++;
      }
    }
    if (nuls == 0) {
      return false;
    }
    if (nuls == to - from) {
      return true;
    }
    byte[] rest = new byte[to - from - nuls];
    for (int i = from, j = 0; i < to; i++) {
      if (b[i] != 0) {
        rest[j++] = b[i];
      }
    }
    byte kind = kindOf(rest, 0, rest.length);
    return kind == INT || kind == FLOAT;
  }

  /** {@link #isNumberWithNul(byte[], int, int)} of a value's ISO-8859-1 chars. */
  static boolean isNumberWithNul(String s) {
    if (s.indexOf('\0') < 0) {
      return false;
    }
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return isNumberWithNul(b, 0, b.length);
  }

  private static NumberFormatException notLong(byte[] b, int from, int to) {
    return new NumberFormatException("not a 64-bit integer: '"
        + new String(b, from, to - from, StandardCharsets.ISO_8859_1) + "'");
  }

  static FeatureType toType(byte code) {
    return switch (code) {
      case INT -> FeatureType.INT;
      case FLOAT -> FeatureType.FLOAT;
      // a column with no value anywhere has nothing to infer from: BYTES holds anything
      default -> FeatureType.BYTES;
    };
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean fitsLong(byte[] b, int from, int to) {
    if (to - from < 19) {
      return true;
    }
    try {
      parseLong(b, from, to);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
