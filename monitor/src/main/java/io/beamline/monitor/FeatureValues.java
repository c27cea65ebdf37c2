package io.beamline.monitor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.Feature;

/**
 * How feature skew compares one feature's values between a training and a serving example, and how
 * identifier values become a join key. Numbers compare by value, not by list type: a serving log in
 * JSON cannot say whether {@code 12} was meant as INT or FLOAT, so INT 12 and FLOAT 12.0 are equal
 * (TFDV compares serialized features, where they would differ). Float values are compared as the
 * 32-bit floats tf.Example stores, optionally rounded first to a number of digits after the point.
 */
final class FeatureValues {
  private FeatureValues() {}

  static int size(Feature f) {
    if (f == null) {
      return 0;
    }
    return switch (f.getKindCase()) {
      case BYTES_LIST -> f.getBytesList().getValueCount();
      case INT64_LIST -> f.getInt64List().getValueCount();
      case FLOAT_LIST -> f.getFloatList().getValueCount();
      default -> 0;
    };
  }

  /** Whether both features hold the same values in the same order; neither may be empty. */
  static boolean same(Feature a, Feature b, int roundDigits) {
    int n = size(a);
    if (n != size(b)) {
      return false;
    }
    boolean bytesA = a.getKindCase() == Feature.KindCase.BYTES_LIST;
    boolean bytesB = b.getKindCase() == Feature.KindCase.BYTES_LIST;
    if (bytesA || bytesB) {
      return bytesA && bytesB && a.getBytesList().getValueList().equals(b.getBytesList().getValueList());
    }
    if (a.getKindCase() == Feature.KindCase.INT64_LIST && b.getKindCase() == Feature.KindCase.INT64_LIST) {
      return a.getInt64List().getValueList().equals(b.getInt64List().getValueList());
    }
    for (int i = 0; i < n; i++) {
      if (Double.compare(number(a, i, roundDigits), number(b, i, roundDigits)) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Value {@code i} of a numeric feature as the float tf.Example would store, rounded if asked. */
  private static double number(Feature f, int i, int roundDigits) {
    double v = f.getKindCase() == Feature.KindCase.INT64_LIST
        ? (float) f.getInt64List().getValue(i) : f.getFloatList().getValue(i);
    return round(v, roundDigits);
  }

  private static double round(double v, int digits) {
    if (digits < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double scale = Math.pow(10, digits);
    return Math.rint(v * scale) / scale;
  }

  /**
   * One identifier feature's values as key text, equal for equal values whatever the list type:
   * integral numbers as integers (INT 7 and FLOAT 7.0 join), other floats rounded as compared,
   * bytes as themselves; prefixed by kind so the number 7 and the string "7" do not join.
   */
  static String keyText(Feature f, int roundDigits) {
    StringBuilder key = new StringBuilder();
    int n = size(f);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        key.append('\u0001');
      }
      switch (f.getKindCase()) {
        case BYTES_LIST -> key.append('b').append(f.getBytesList().getValue(i).toString(StandardCharsets.ISO_8859_1));
        case INT64_LIST -> key.append('n').append(f.getInt64List().getValue(i));
        default -> {
          double v = round(f.getFloatList().getValue(i), roundDigits);
          key.append('n');
          if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
            key.append((long) v);
          } else {
            key.append(v);
          }
        }
      }
    }
    return key.toString();
  }

  /** The identifier features' {@link #keyText}s joined by NUL; null when one of them has no value. */
  static String joinKey(Map<String, Feature> features, List<String> identifiers, int roundDigits) {
    StringBuilder key = new StringBuilder();
    for (String id : identifiers) {
      Feature f = features.get(id);
      if (size(f) == 0) {
        return null;
      }
      if (key.length() > 0) {
        key.append('\u0000');
      }
      key.append(keyText(f, roundDigits));
    }
    return key.toString();
  }

  /**
   * A {@link #joinKey} as a person reads it: the
   * features' values joined by '|', a feature's several values by ',', without the kind prefixes.
   */
  static String readableKey(String key) {
    StringBuilder out = new StringBuilder();
    for (String part : key.split("\u0000", -1)) {
      if (out.length() > 0) {
        out.append('|');
      }
      StringBuilder values = new StringBuilder();
      for (String v : part.split("\u0001", -1)) {
        if (values.length() > 0) {
          values.append(',');
        }
        String text = v.substring(1);
        values.append(v.charAt(0) == 'b'
            ? new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8) : text);
      }
      out.append(values);
    }
    return out.toString();
  }

  /** The values as text, for a sample a person reads (bytes as UTF-8). */
  static List<String> text(Feature f) {
    List<String> out = new ArrayList<>();
    if (f == null) {
      return out;
    }
    switch (f.getKindCase()) {
      case BYTES_LIST -> f.getBytesList().getValueList().forEach(v -> out.add(v.toStringUtf8()));
      case INT64_LIST -> f.getInt64List().getValueList().forEach(v -> out.add(Long.toString(v)));
      case FLOAT_LIST -> f.getFloatList().getValueList().forEach(v -> out.add(Float.toString(v)));
      default -> { }
    }
    return out;
  }
}
