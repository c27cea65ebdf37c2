package io.beamline.io.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** CSV test data: the taxi sample and small files written by a test. */
final class CsvFixtures {
  private CsvFixtures() {}

  /** The Chicago taxi sample, relative to the module (Maven runs tests in the module directory). */
  static Path taxiCsv() {
    return Path.of("../examples/data/taxi/data.csv").toAbsolutePath().normalize();
  }

  static Path writeCsv(Path dir, String name, String content) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}
