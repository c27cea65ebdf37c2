package io.beamline.cli;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The taxi trips as a sequence of spans for the monitoring demo: the trips sorted by
 * {@code trip_start_timestamp} and cut into {@code count} consecutive periods of equal size
 * ({@code span-<i>/trips.csv}, i = 0..count-1), each period one span, as a daily export would
 * arrive. From span {@code shiftFrom} on a documented shift is injected, as production data drifts:
 * every fare is scaled by {@value #FARE_SCALE} (a tariff change) and one trip in three paid in cash
 * is paid with a new payment type, {@value #NEW_PAYMENT_TYPE} (a new app). Labels, tips and every
 * other column are left as they are.
 */
final class TaxiSpans {
  static final double FARE_SCALE = 1.5;
  static final String NEW_PAYMENT_TYPE = "Mobile";

  private TaxiSpans() {}

  /** Writes the spans under {@code dir}; returns the ExampleGen input pattern ({@code dir/span-{SPAN}/trips.csv}). */
  static String write(Path csv, Path dir, int count, int shiftFrom) {
    if (count < 2) {
      throw new InvalidParameterException("--spans needs at least 2 spans, got " + count);
    }
    List<CSVRecord> rows;
    List<String> header;
    try (Reader in = Files.newBufferedReader(csv)) {
      var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
      header = parser.getHeaderNames();
      rows = new ArrayList<>(parser.getRecords());
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read the taxi data " + csv + ": " + e.getMessage(), e);
    }
    for (String column : List.of("trip_start_timestamp", "fare", "payment_type")) {
      if (!header.contains(column)) {
        throw new InvalidInputException("The taxi data " + csv + " has no column '" + column + "'; columns: " + header);
      }
    }
    rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("trip_start_timestamp"))));
    try {
      for (int span = 0; span < count; span++) {
        Path file = dir.resolve("span-" + span).resolve("trips.csv");
        Files.createDirectories(file.getParent());
        List<CSVRecord> part = rows.subList(rows.size() * span / count, rows.size() * (span + 1) / count);
        try (Writer w = Files.newBufferedWriter(file);
            CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
          int cash = 0;
          for (CSVRecord r : part) {
            List<String> values = new ArrayList<>(r.toList());
            if (span >= shiftFrom) {
              int fare = header.indexOf("fare");
              if (!values.get(fare).isEmpty()) {
                values.set(fare, String.format(Locale.ROOT, "%.2f", Double.parseDouble(values.get(fare)) * FARE_SCALE));
              }
              int payment = header.indexOf("payment_type");
              if (values.get(payment).equals("Cash") && cash++ % 3 == 0) {
                values.set(payment, NEW_PAYMENT_TYPE);
              }
            }
            out.printRecord(values);
          }
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("Cannot write the spans under " + dir + ": " + e.getMessage(), e);
    }
    // the directory is a path (a home may be called "runs [1]"); only span-{SPAN} is a pattern
    return io.beamline.core.component.ArtifactUris.childGlob(dir.toString(), "span-{SPAN}/trips.csv");
  }
}
