package io.beamline.metadata;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Argument checks shared by the records, so their messages read alike. */
final class Checks {
  private Checks() {}

  static String requireName(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new MetadataStoreException(what + " must not be blank, got " + quote(value));
    }
    return value;
  }

  static <T> T requireNonNull(T value, String what) {
    if (value == null) {
      throw new MetadataStoreException(what + " must not be null");
    }
    return value;
  }

  static long requireId(long id, String what) {
    if (id < 0) {
      throw new MetadataStoreException(what + " must be 0 (not stored yet) or positive, got " + id);
    }
    return id;
  }

  static int requireLimit(int limit) {
    if (limit <= 0) {
      throw new MetadataStoreException("Limit must be positive, got " + limit);
    }
    return limit;
  }

  /** An unmodifiable copy sorted by key, so properties render in a stable order. */
  static <V> Map<String, V> sortedCopy(Map<String, V> map, String what) {
    if (map == null) {
      return Map.of();
    }
    TreeMap<String, V> copy = new TreeMap<>();
    map.forEach(
        (k, v) -> {
          requireName(k, what + " name");
          copy.put(k, requireNonNull(v, what + " '" + k + "'"));
        });
    return Collections.unmodifiableMap(copy);
  }

  /** Times are stored as epoch millis; truncating here keeps a stored record equal to its input. */
  static Instant millis(Instant time) {
    return time == null ? null : time.truncatedTo(ChronoUnit.MILLIS);
  }

  static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }
}
