package io.beamline.ui;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request's query parameters, decoded; the first value of a repeated name wins. */
final class Query {
  private final Map<String, String> values;

  static final Query EMPTY = new Query(Map.of());

  private Query(Map<String, String> values) {
    this.values = values;
  }

  static Query of(URI uri) {
    Map<String, String> values = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.putIfAbsent(key, value);
      }
    }
    return new Query(values);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Malformed query parameter: " + s);
    }
  }

  String get(String name) {
    String v = values.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  int integer(String name, int fallback, int min, int max) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new IllegalArgumentException("Query parameter " + name + " must be " + min + ".." + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Query parameter " + name + " must be a whole number, got '" + v + "'");
    }
  }
}
