package io.beamline.benchmarks;

import io.beamline.io.csv.CsvBatch;
import io.beamline.io.csv.CsvExamples;
import io.beamline.io.csv.CsvFilePart;
import io.beamline.io.csv.CsvPartReader;
import java.io.IOException;

/**
 * Beamline's own CSV reader alone, for the {@code split-only} baseline: the part reader that
 * {@code beamline stats --input} and ExampleGen run (record splitter, quoted records through
 * commons-csv, byte cells), on the calling thread with no pipeline, every field then made a String so
 * the work matches the commons-csv baseline's. Only the public {@code io.beamline.io.csv} API.
 */
final class ReaderScan {
  private ReaderScan() {}

  /** Reads {@code path} (header skipped); returns {rows, total field length}. */
  static long[] scan(String path) throws IOException {
    long rows = 0;
    long chars = 0;
    for (CsvFilePart part : CsvExamples.read(path).resolve().partsNow()) {
      try (CsvPartReader reader = part.open()) {
        while (reader.next()) {
          CsvBatch batch = reader.batch();
          rows += batch.rowCount() + reader.rejects().size();
          for (int c = 0; c < batch.columnCount(); c++) {
            for (int r = 0; r < batch.rowCount(); r++) {
              String v = batch.value(c, r);
              chars += v == null ? 0 : v.length();
            }
          }
        }
      }
    }
    return new long[] {rows, chars};
  }
}
