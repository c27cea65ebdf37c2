package io.beamline.io.csv;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gzip'd CSV file cut short fails naming the file and the early end, on every read path. */
class CsvTruncatedTest {
  @TempDir Path tmp;

  /** A gzip'd CSV of {@code rows} rows cut to 3/4 of its compressed bytes. */
  private Path cutGzip(int rows) throws IOException {
    StringBuilder csv = new StringBuilder("id,name\n");
    for (int i = 0; i < rows; i++) {
      csv.append(i).append(",row ").append(i % 1000).append('\n');
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = gz.toByteArray();
    Path f = tmp.resolve("cut.csv.gz");
    Files.write(f, Arrays.copyOf(bytes, bytes.length * 3 / 4));
    return f;
  }

  @Test
  void theTypeSampleNamesTheFile() throws IOException {
    Path f = cutGzip(5_000);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CsvExamples.read(f.toString()).resolve());
    assertTrue(e.getMessage().startsWith("Cannot read CSV file " + f + ": unexpected end of gzip stream: the"
        + " file is truncated (it ended after "), e.getMessage());
  }

  /** The path of {@code stats --input}: the sample (100,000 rows) ends before the cut, the part reader meets it. */
  @Test
  void thePartReaderNamesTheFile() throws IOException {
    Path f = cutGzip(400_000);
    CsvInput input = CsvExamples.read(f.toString()).resolve();
    IOException e = assertThrows(IOException.class, () -> {
      for (CsvFilePart part : input.partsNow()) {
        try (CsvPartReader reader = part.open()) {
          while (reader.next()) {
            // read to the end
          }
        }
      }
    });
    assertTrue(e.getMessage().startsWith(f + ": unexpected end of gzip stream: the file is truncated"),
        e.getMessage());
  }
}
