package io.beamline.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Human-readable times for command output. */
final class Durations {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Durations() {}

  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format("%.1fs", ms / 1000.0);
    }
    return String.format("%dm%02ds", ms / 60_000, (ms / 1000) % 60);
  }

  static String between(Instant start, Instant end) {
    return start == null || end == null ? "-" : format(Duration.between(start, end));
  }

  static String when(Instant t) {
    return t == null ? "-" : WHEN.format(t);
  }
}
