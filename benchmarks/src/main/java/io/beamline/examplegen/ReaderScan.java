package io.beamline.examplegen;

import java.io.IOException;
import java.io.InputStream;

/**
 * Beamline's own CSV reader alone, for the {@code split-only} baseline: the record splitter that
 * {@code beamline stats --input} and ExampleGen run (quoted records through commons-csv), every field
 * made a String so the work matches the commons-csv baseline's. It lives in the reader's package
 * because the splitter is package-private: this benchmark is the only code outside examplegen that
 * needs it, and that is no reason to make it public API.
 */
public final class ReaderScan {
  private ReaderScan() {}

  /** Reads {@code path} (header skipped); returns {rows, total field length}. */
  public static long[] scan(String path) throws IOException {
    long rows = 0;
    long chars = 0;
    CsvRows parser = new CsvRows(',');
    try (InputStream in = CsvRows.open(path)) {
      CsvRecordSplitter splitter = new CsvRecordSplitter(in, ',', '"');
      splitter.next();
      while (splitter.advance()) {
        if (splitter.isEmpty()) {
          continue;
        }
        rows++;
        if (splitter.isQuoted()) {
          CsvRows.Parsed parsed = parser.parse(new CsvRecordSplitter.Chunk(splitter.recordLine(), splitter.text(),
              splitter.isUnterminated()));
          for (String v : parsed.values() == null ? new String[0] : parsed.values()) {
            chars += v.length();
          }
          continue;
        }
        for (int i = 0; i < splitter.fieldCount(); i++) {
          String v = splitter.field(i);
          chars += v == null ? 0 : v.length();
        }
      }
    }
    return new long[] {rows, chars};
  }
}
