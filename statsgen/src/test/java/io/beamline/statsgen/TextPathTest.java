package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.io.examples.ExampleBatch;
import io.beamline.core.examples.FeatureType;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.core.component.ComponentRun;
import io.beamline.io.csv.CsvBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV fast path (cells parsed straight into the accumulators) against the Arrow path. */
class TextPathTest {
  @TempDir Path tmp;

  private static final List<String> NAMES = List.of("n", "x", "city", "code", "w");
  private static final Map<String, FeatureType> TYPES = Map.of("n", FeatureType.INT, "x", FeatureType.FLOAT,
      "city", FeatureType.BYTES, "code", FeatureType.INT, "w", FeatureType.FLOAT);

  /** Cells as a CSV reader yields them: ISO-8859-1 text (one char per byte), null when empty. */
  private static CsvBatch batch(int from) {
    String zurich = new String("Zürich".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    String invalid = new String(new byte[] {(byte) 0xff, 'a'}, StandardCharsets.ISO_8859_1);
    String[][] rows = {
        {"3", "2.5", "Paris", "7", "1"},
        {"-4", null, zurich, "7", "0.5"},
        {null, "1e3", "Paris", "12", "2"},
        {"0", "-0.125", invalid, null, "0"},
        {"9223372036854775807", "0", null, "012", "3.75"},
    };
    String[][] columns = new String[NAMES.size()][rows.length];
    long[] lines = new long[rows.length];
    for (int r = 0; r < rows.length; r++) {
      lines[r] = from + r;
      for (int c = 0; c < NAMES.size(); c++) {
        columns[c][r] = rows[r][c];
      }
    }
    return CsvBatch.of("", "cities.csv", lines, columns);
  }

  private static DatasetFeatureStatisticsList viaText(StatisticsOptions options, List<CsvBatch> batches) {
    SlicedAccumulator acc = new SlicedAccumulator(options);
    for (CsvBatch b : batches) {
      acc.add(new TypedCsvBatch(b, NAMES, NAMES.stream().map(TYPES::get).toArray(FeatureType[]::new), null));
    }
    return acc.toStatistics();
  }

  private static DatasetFeatureStatisticsList viaArrow(StatisticsOptions options, List<CsvBatch> batches) {
    SlicedAccumulator acc = new SlicedAccumulator(options);
    for (CsvBatch b : batches) {
      String[][] all = b.columns();
      Map<String, String[]> cells = new HashMap<>();
      for (int c = 0; c < NAMES.size(); c++) {
        cells.put(NAMES.get(c), all[c]);
      }
      ExampleBatch.applyToTextColumns(TYPES, cells, b.rowCount(), root -> {
        acc.add(root);
        return null;
      });
    }
    return acc.toStatistics();
  }

  @Test
  void textPathGivesTheArrowPathsStatisticsWithWeightsSlicesAndCategoricalInts() {
    StatisticsOptions options = StatisticsOptions.defaults().withWeightFeature("w").withSliceBy(List.of("code"))
        .withCategorical(Set.of("code"));
    List<CsvBatch> batches = List.of(batch(2), batch(7));
    DatasetFeatureStatisticsList text = viaText(options, batches);
    assertEquals(viaArrow(options, batches), text);
    // and the values are the data's: spot checks
    DatasetFeatureStatistics whole = text.whole();
    assertEquals(10, whole.numExamples());
    FeatureNameStatistics city = whole.requireFeature("city");
    assertEquals(2, city.stringStats().invalidUtf8Count());
    assertEquals(3, city.stringStats().unique(), "Paris, Zürich and the label of invalid UTF-8");
    // "012" is the INT 12: the same slice as "12"; rows without a code are in no slice
    assertEquals(List.of(DatasetFeatureStatistics.ALL_EXAMPLES, "code_12", "code_7"),
        text.datasets().stream().map(DatasetFeatureStatistics::name).toList());
    assertEquals(4, text.dataset("code_12").numExamples());
    assertEquals(4, text.dataset("code_7").numExamples());
  }

  @Test
  void cellThatDoesNotFitItsTypeNamesFileLineAndValue() {
    CsvBatch bad = CsvBatch.of("", "in.csv", new long[] {4, 5},
        new String[][] {{"1", "1"}, {"1", "n/a"}, {"a", "b"}, {"1", "2"}, {"1", "1"}});
    CsvTypeMismatch e = assertThrows(CsvTypeMismatch.class, () -> viaText(StatisticsOptions.defaults(), List.of(bad)));
    assertEquals("CSV column 'x' was read as FLOAT, but in.csv line 5 has 'n/a' there", e.getMessage());
  }

  @Test
  void wrongGuessFromASampleIsReadAgainWithExactTypes() throws Exception {
    // x looks INT in the 2-row sample and is FLOAT; late is empty in the sample and INT after it.
    Path csv = Files.writeString(tmp.resolve("late.csv"), "x,late,s\n1,,a\n2,,b\n3,5,c\n2.5,6,d\n");
    Path out = tmp.resolve("profile");
    ComponentRun.of(new CsvStatistics(2)).withParameters(CsvStatisticsParameters.forInput(csv.toString()))
        .withOutput(CsvStatistics.STATISTICS, out.toString()).run();
    DatasetFeatureStatistics stats = StatisticsJson.readSplit(out.toString(), CsvStatistics.SPLIT).whole();
    assertEquals(4, stats.numExamples());
    assertEquals(2.125, stats.requireFeature("x").numStats().mean(), 1e-12);
    assertEquals(5.5, stats.requireFeature("late").numStats().mean(), 1e-12);
    assertEquals(2, stats.requireFeature("late").commonStats().numNonMissing());
    assertTrue(Files.notExists(out.resolve(CsvStatisticsExecutor.TYPES_FILE)));
  }
}
