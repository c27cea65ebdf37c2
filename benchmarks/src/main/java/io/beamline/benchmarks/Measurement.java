package io.beamline.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One timed run of one job over one file, printed as a single JSON line for {@code run.sh}.
 *
 * @param job what ran, e.g. {@code parse-only}
 * @param rows data rows processed
 * @param bytes input size in bytes
 * @param seconds wall time of the job (JVM start excluded)
 * @param peakRssBytes the process's peak resident set size (VmHWM), covering everything it ran
 */
record Measurement(String job, long rows, long bytes, double seconds, long peakRssBytes) {
  String toJson() {
    return String.format(Locale.ROOT,
        "{\"job\":\"%s\",\"rows\":%d,\"bytes\":%d,\"seconds\":%.3f,\"rows_per_s\":%.0f,\"mb_per_s\":%.1f,"
            + "\"peak_rss_mb\":%.0f}",
        job, rows, bytes, seconds, rows / seconds, bytes / 1e6 / seconds, peakRssBytes / 1048576.0);
  }

  /** Peak RSS from /proc (Linux); 0 where /proc is not there. */
  static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
