package io.beamline.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** Escaping and the frame every dashboard page shares. Every value from data, store or parameters goes through {@link #esc}. */
final class Html {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Html() {}

  /** Text for element content and quoted attribute values. */
  static String esc(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A query string of these parameters, values percent-encoded (empty values left out). */
  static String query(Map<String, String> params) {
    String q = params.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
        .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return q.isEmpty() ? "" : "?" + q;
  }

  static String when(Instant t) {
    return t == null ? "" : WHEN.format(t);
  }

  static String duration(Instant start, Instant end) {
    if (start == null || end == null) {
      return "";
    }
    return duration(Duration.between(start, end).toMillis());
  }

  static String duration(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    long s = millis / 1000;
    return s < 60 ? String.format("%.1f s", millis / 1000.0) : (s / 60) + " min " + (s % 60) + " s";
  }

  /** A whole page: {@code body} is already HTML; {@code refreshSeconds > 0} reloads it (a run still going). */
  static String page(String title, String body, int refreshSeconds) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + (refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">" : "")
        + "<title>" + esc(title) + " - Beamline</title>"
        + "<link rel=\"stylesheet\" href=\"/static/dashboard.css\"></head><body>\n"
        + "<nav><a class=\"brand\" href=\"/runs\">Beamline</a> <a href=\"/runs\">Runs</a> "
        + "<a href=\"/artifacts\">Artifacts</a> <a href=\"/history\">History</a> <a href=\"/api\">API</a></nav>\n<main>\n"
        + body + "\n</main></body></html>\n";
  }

  /** The state as a badge whose class colors it (COMPLETE green, FAILED red, ...). */
  static String state(Object state) {
    return "<span class=\"state s-" + esc(state) + "\">" + esc(state) + "</span>";
  }

  static String link(String href, Object text) {
    return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
  }
}
