package io.beamline.examplegen;

import io.beamline.core.examples.FeatureType;

/**
 * Classifies one CSV value into the narrowest type that holds it, as TFX does: a whole number that
 * fits 64 bits is INT, a decimal number (optional sign, digits with an optional point, optional
 * exponent) is FLOAT, anything else is BYTES. {@code NaN}, {@code inf}, hex and Java's {@code 1f} /
 * {@code 1d} suffixes are BYTES: they are not numbers in a CSV file. The codes order the types so that
 * widening two columns' types is their maximum.
 */
final class ValueKinds {
  static final byte NONE = 0;
  static final byte INT = 1;
  static final byte FLOAT = 2;
  static final byte BYTES = 3;

  private ValueKinds() {}

  /** The kind code of a non-empty value (hand-written scan: this runs once per CSV cell). */
  static byte kindOf(String s) {
    int n = s.length();
    int i = 0;
    if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      i++;
    }
    int intStart = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    int intDigits = i - intStart;
    if (i == n) {
      if (intDigits == 0) {
        return BYTES;
      }
      return fitsLong(s) ? INT : FLOAT;
    }
    int fracDigits = 0;
    if (s.charAt(i) == '.') {
      i++;
      int fracStart = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      fracDigits = i - fracStart;
    }
    if (intDigits + fracDigits == 0) {
      return BYTES;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expStart = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == expStart) {
        return BYTES;
      }
    }
    return i == n ? FLOAT : BYTES;
  }

  static FeatureType toType(byte code) {
    return switch (code) {
      case INT -> FeatureType.INT;
      case FLOAT -> FeatureType.FLOAT;
      // a column with no value anywhere has nothing to infer from: BYTES holds anything
      default -> FeatureType.BYTES;
    };
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean fitsLong(String s) {
    if (s.length() < 19) {
      return true;
    }
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
