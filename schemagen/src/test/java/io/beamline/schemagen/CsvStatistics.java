package io.beamline.schemagen;

import com.google.protobuf.ByteString;
import io.beamline.io.examples.ExampleBatch;
import io.beamline.core.examples.FeatureType;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.statsgen.FeatureStatistics;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Test fixture: real statistics (statsgen's) of a CSV file, read as examplegen would: empty fields
 * are missing, a column of whole numbers is INT, of numbers FLOAT, else BYTES.
 */
final class CsvStatistics {
  private CsvStatistics() {}

  /**
   * A data file of the repository, {@code examples/data/<relative>}, resolved from the module
   * directory (Surefire's working directory) so a fresh clone needs nothing outside the repository.
   */
  static Path dataFile(String relative) {
    Path file = Path.of("..", "examples", "data").resolve(relative).toAbsolutePath().normalize();
    if (!Files.exists(file)) {
      throw new IllegalStateException("Test data " + file + " is missing: expected the repository's examples/data/"
          + relative + " (run the tests from the module directory)");
    }
    return file;
  }

  static DatasetFeatureStatistics of(Path csv) throws Exception {
    List<String> header;
    List<CSVRecord> records;
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      header = parser.getHeaderNames();
      records = parser.getRecords();
    }
    Map<String, FeatureType> types = new LinkedHashMap<>();
    for (String column : header) {
      boolean ints = true;
      boolean numbers = true;
      for (CSVRecord r : records) {
        String v = r.get(column);
        if (!v.isEmpty()) {
          ints &= v.matches("-?\\d+");
          numbers &= v.matches("-?\\d*\\.?\\d+([eE][-+]?\\d+)?");
        }
      }
      types.put(column, ints ? FeatureType.INT : numbers ? FeatureType.FLOAT : FeatureType.BYTES);
    }
    List<Example> examples = new ArrayList<>();
    for (CSVRecord r : records) {
      Features.Builder features = Features.newBuilder();
      for (String column : header) {
        String v = r.get(column);
        if (v.isEmpty()) {
          continue;
        }
        Feature f = switch (types.get(column)) {
          case INT -> Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(Long.parseLong(v))).build();
          case FLOAT -> Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(Float.parseFloat(v))).build();
          case BYTES -> Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(ByteString.copyFromUtf8(v)))
              .build();
        };
        features.putFeature(column, f);
      }
      examples.add(Example.newBuilder().setFeatures(features).build());
    }
    return FeatureStatistics.compute(List.of(ExampleBatch.fromExamples(examples, types)));
  }
}
