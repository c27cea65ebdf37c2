package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.StatisticsType;
import io.beamline.core.statistics.StringStatistics;
import io.beamline.core.statistics.StringStatistics.FreqAndValue;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statistics of the Chicago taxi sample against a straightforward reference computed here from the
 * raw CSV: an empty field is missing; a column whose values all parse as whole numbers is INT, else
 * as numbers FLOAT (float32, as tf.Example stores it), else STRING, as TFX infers types.
 */
class TaxiStatisticsTest {
  private static List<String> header;
  private static List<CSVRecord> records;
  private static DatasetFeatureStatistics stats;

  /** The repository's copy of the data. */
  static Path taxiCsv() {
    return Path.of("..", "examples", "data", "taxi", "data.csv");
  }

  /** Statistics of the taxi data built from batches made by hand from commons-csv records. */
  static synchronized DatasetFeatureStatistics reference() throws Exception {
    if (stats == null) {
      computeStatistics();
    }
    return stats;
  }

  @BeforeAll
  static void computeStatistics() throws Exception {
    if (stats != null) {
      return;
    }
    Path csv = taxiCsv();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
      header = parser.getHeaderNames();
      records = parser.getRecords();
    }
    try (BufferAllocator allocator = new RootAllocator()) {
      List<VectorSchemaRoot> roots = new ArrayList<>();
      for (int start = 0; start < records.size(); start += 4000) {
        roots.add(batch(records.subList(start, Math.min(records.size(), start + 4000))).build(allocator));
      }
      stats = FeatureStatistics.computeRoots(roots);
      roots.forEach(VectorSchemaRoot::close);
    }
  }

  private static StatisticsType inferredType(String column) {
    boolean ints = true;
    boolean numbers = true;
    for (CSVRecord r : records) {
      String v = r.get(column);
      if (v.isEmpty()) {
        continue;
      }
      ints &= v.matches("-?\\d+");
      numbers &= v.matches("-?\\d*\\.?\\d+([eE][-+]?\\d+)?");
    }
    return ints ? StatisticsType.INT : numbers ? StatisticsType.FLOAT : StatisticsType.STRING;
  }

  private static Batches batch(List<CSVRecord> rows) {
    Batches b = Batches.rows(rows.size());
    for (String column : header) {
      StatisticsType type = inferredType(column);
      List<List<Object>> values = new ArrayList<>();
      for (CSVRecord r : rows) {
        String v = r.get(column);
        values.add(v.isEmpty() ? null : List.of(switch (type) {
          case INT -> Long.parseLong(v);
          case FLOAT -> Float.parseFloat(v);
          default -> v.getBytes(StandardCharsets.UTF_8);
        }));
      }
      switch (type) {
        case INT -> b.ints(column, cast(values));
        case FLOAT -> b.floats(column, cast(values));
        default -> b.bytes(column, cast(values));
      }
    }
    return b;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<List<T>> cast(List<List<Object>> values) {
    return (List<List<T>>) (List<?>) values;
  }

  private static List<String> present(String column) {
    return records.stream().map(r -> r.get(column)).filter(v -> !v.isEmpty()).toList();
  }

  @Test
  void countsAndTypesOfEveryColumn() {
    assertEquals(15_002, stats.numExamples());
    assertEquals(header.size(), stats.features().size());
    for (String column : header) {
      FeatureNameStatistics f = stats.requireFeature(column);
      long nonMissing = present(column).size();
      assertEquals(inferredType(column), f.type(), column);
      assertEquals(nonMissing, f.commonStats().numNonMissing(), column);
      assertEquals(records.size() - nonMissing, f.commonStats().numMissing(), column);
      assertEquals(nonMissing, f.commonStats().totNumValues(), column);
      assertEquals(nonMissing == 0 ? 0 : 1, f.commonStats().minNumValues(), column);
    }
    assertEquals(StatisticsType.FLOAT, stats.requireFeature("fare").type());
    assertEquals(StatisticsType.INT, stats.requireFeature("trip_seconds").type());
    assertEquals(StatisticsType.STRING, stats.requireFeature("company").type());
  }

  @Test
  void numericStatisticsEqualTheReference() {
    for (String column : header) {
      StatisticsType type = inferredType(column);
      if (type == StatisticsType.STRING) {
        continue;
      }
      double[] values = present(column).stream()
          .mapToDouble(v -> type == StatisticsType.INT ? (double) Long.parseLong(v) : (double) Float.parseFloat(v))
          .sorted().toArray();
      NumericStatistics s = stats.requireFeature(column).numStats();
      BigDecimal sum = BigDecimal.ZERO;
      for (double v : values) {
        sum = sum.add(new BigDecimal(v));
      }
      BigDecimal n = BigDecimal.valueOf(values.length);
      BigDecimal mean = sum.divide(n, MathContext.DECIMAL128);
      BigDecimal squares = BigDecimal.ZERO;
      for (double v : values) {
        BigDecimal d = new BigDecimal(v).subtract(mean);
        squares = squares.add(d.multiply(d));
      }
      double std = squares.divide(n, MathContext.DECIMAL128).sqrt(MathContext.DECIMAL128).doubleValue();
      assertEquals(mean.doubleValue(), s.mean(), column);
      assertEquals(std, s.stdDev(), Math.abs(std) * 1e-14, column);
      assertEquals(values[0], s.min(), column);
      assertEquals(values[values.length - 1], s.max(), column);
      assertEquals(java.util.Arrays.stream(values).filter(v -> v == 0).count(), s.numZeros(), column);
      // The median's rank is within the documented rank error of 1/2.
      double median = s.median();
      long below = java.util.Arrays.stream(values).filter(v -> v < median).count();
      long atOrBelow = java.util.Arrays.stream(values).filter(v -> v <= median).count();
      double eps = Quantiles.rankError() * values.length;
      assertTrue(below <= values.length / 2.0 + eps && atOrBelow >= values.length / 2.0 - eps,
          column + " median " + median + " ranks " + below + ".." + atOrBelow + " of " + values.length);
    }
  }

  @Test
  void stringStatisticsEqualTheReference() {
    for (String column : List.of("company", "payment_type")) {
      List<String> values = present(column);
      Map<String, Long> counts = new HashMap<>();
      values.forEach(v -> counts.merge(v, 1L, Long::sum));
      List<FreqAndValue> top = counts.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(20).map(e -> new FreqAndValue(e.getKey(), e.getValue())).toList();
      double avgLength = values.stream().mapToInt(v -> v.getBytes(StandardCharsets.UTF_8).length).average().orElse(0);

      StringStatistics s = stats.requireFeature(column).stringStats();
      assertEquals(counts.size(), s.unique(), column);
      assertEquals(top, s.topValues(), column);
      assertEquals(avgLength, s.avgLength(), 1e-12, column);
      assertEquals(counts.size(), s.rankHistogram().buckets().size(), column);
      assertEquals(0, s.invalidUtf8Count());
      assertTrue(!s.approximate());
      assertTrue(top.stream().map(FreqAndValue::frequency).sorted(Comparator.reverseOrder()).toList()
          .equals(top.stream().map(FreqAndValue::frequency).toList()));
    }
  }
}
