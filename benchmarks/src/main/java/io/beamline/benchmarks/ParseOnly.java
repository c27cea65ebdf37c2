package io.beamline.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The baseline: the CSV parser ExampleGen uses (commons-csv, RFC 4180, bytes decoded as
 * ISO-8859-1 as ExampleGen does) reading the file and doing nothing else. Every field is touched
 * (its length summed) so the JIT cannot skip the work.
 */
final class ParseOnly {
  private ParseOnly() {}

  static Measurement run(Path csv) throws IOException {
    long start = System.nanoTime();
    long rows = 0;
    long chars = 0;
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            Files.newInputStream(csv), StandardCharsets.ISO_8859_1), 1 << 16);
         CSVParser parser = CSVParser.parse(reader, format)) {
      for (CSVRecord record : parser) {
        rows++;
        for (int i = 0; i < record.size(); i++) {
          chars += record.get(i).length();
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (chars < 0) {
      throw new IllegalStateException("unreachable: keeps the field lengths alive");
    }
    return new Measurement("parse-only", rows, Files.size(csv), seconds, Measurement.peakRss());
  }

  /**
   * The second baseline: Beamline's own CSV reader alone (the splitter {@code stats --input} runs),
   * every field made a String as above. Where it is faster than commons-csv, a job's ratio to it is
   * the stricter measure of what the work after parsing costs.
   */
  static Measurement splitOnly(Path csv) throws IOException {
    long start = System.nanoTime();
    long[] counts = ReaderScan.scan(csv.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (counts[1] < 0) {
      throw new IllegalStateException("unreachable: keeps the field lengths alive");
    }
    return new Measurement("split-only", counts[0], Files.size(csv), seconds, Measurement.peakRss());
  }
}
