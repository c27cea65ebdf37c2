package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.component.ComponentResult;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.core.statistics.StringStatistics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvStatisticsTest {
  @TempDir Path tmp;

  @Test
  void oneCsvPassGivesTheSameExactStatisticsAsHandBuiltBatches() throws Exception {
    Path out = tmp.resolve("profile");
    ComponentResult result = CsvStatistics.run(
        CsvStatisticsParameters.forInput(TaxiStatisticsTest.taxiCsv().toString()), out.toString());

    DatasetFeatureStatistics reference = TaxiStatisticsTest.reference();
    DatasetFeatureStatistics profiled = StatisticsJson.readSplit(out.toString(), CsvStatistics.SPLIT).whole();
    assertEquals(15_002, profiled.numExamples());
    assertEquals(reference.features().size(), profiled.features().size());
    for (FeatureNameStatistics expected : reference.features()) {
      FeatureNameStatistics got = profiled.requireFeature(expected.name());
      assertEquals(expected.type(), got.type(), expected.name());
      assertEquals(expected.commonStats().numNonMissing(), got.commonStats().numNonMissing(), expected.name());
      assertEquals(expected.commonStats().numMissing(), got.commonStats().numMissing(), expected.name());
      if (expected.numStats() != null) {
        assertEquals(expected.numStats().mean(), got.numStats().mean(), expected.name());
        assertEquals(expected.numStats().stdDev(), got.numStats().stdDev(), expected.name());
        assertEquals(expected.numStats().min(), got.numStats().min(), expected.name());
        assertEquals(expected.numStats().max(), got.numStats().max(), expected.name());
        assertEquals(expected.numStats().numZeros(), got.numStats().numZeros(), expected.name());
      }
      if (expected.stringStats() != null) {
        assertEquals(expected.stringStats().unique(), got.stringStats().unique(), expected.name());
        assertEquals(expected.stringStats().topValues(), got.stringStats().topValues(), expected.name());
        assertEquals(expected.stringStats().avgLength(), got.stringStats().avgLength(), expected.name());
      }
    }
    assertEquals(0L, result.output(CsvStatistics.STATISTICS).properties().getLong(CsvStatistics.REJECT_COUNT));
    assertTrue(Files.readString(out.resolve("Split-all/FeatureStats.html")).contains("payment_type"));
  }

  @Test
  void aFileReadInPartsGivesTheStatisticsOfAllItsRowsOnce() throws Exception {
    // the taxi rows five times over (9.6 MB: read in two parts) and a bad row in the last part
    List<String> taxi = Files.readAllLines(TaxiStatisticsTest.taxiCsv(), StandardCharsets.ISO_8859_1);
    List<String> lines = new ArrayList<>(List.of(taxi.get(0)));
    for (int copy = 0; copy < 5; copy++) {
      lines.addAll(taxi.subList(1, taxi.size()));
    }
    int badLine = lines.size() - 100;
    lines.add(badLine - 1, "not,a,taxi,row");
    Path csv = Files.write(tmp.resolve("taxi_x5.csv"), lines, StandardCharsets.ISO_8859_1);
    assertTrue(Files.size(csv) >= 2 * (4 << 20), "big enough to be read in parts");

    Path once = tmp.resolve("once");
    Path five = tmp.resolve("five");
    CsvStatistics.run(CsvStatisticsParameters.forInput(TaxiStatisticsTest.taxiCsv().toString()), once.toString());
    ComponentResult result = CsvStatistics.run(CsvStatisticsParameters.forInput(csv.toString()), five.toString());
    DatasetFeatureStatistics x1 = StatisticsJson.readSplit(once.toString(), CsvStatistics.SPLIT).whole();
    DatasetFeatureStatistics x5 = StatisticsJson.readSplit(five.toString(), CsvStatistics.SPLIT).whole();

    assertScaled(x1, x5, 5);
    List<String> rejects = Files.readAllLines(five.resolve(CsvStatistics.REJECTS_FILE));
    assertEquals(1, rejects.size());
    assertTrue(rejects.get(0).contains("\"line\":" + badLine), rejects.get(0));
    assertEquals(1L, result.output(CsvStatistics.STATISTICS).properties().getLong(CsvStatistics.REJECT_COUNT));
  }

  /**
   * Many files (more than lanes on any machine this runs on) read whole, dealt into a few lanes on
   * the DirectRunner: the statistics of all their rows once, as for one file, and a bad row named
   * by its own file and line.
   */
  @Test
  void manyFilesGiveTheStatisticsOfOneFileWithTheSameRows() throws Exception {
    List<String> taxi = Files.readAllLines(TaxiStatisticsTest.taxiCsv(), StandardCharsets.ISO_8859_1);
    Path dir = Files.createDirectories(tmp.resolve("days"));
    int files = 64;
    int per = (taxi.size() - 1 + files - 1) / files;
    for (int f = 0; f < files; f++) {
      List<String> lines = new ArrayList<>(List.of(taxi.get(0)));
      lines.addAll(taxi.subList(1 + f * per, Math.min(taxi.size(), 1 + (f + 1) * per)));
      if (f == 17) {
        lines.add(3, "not,a,taxi,row");
      }
      Files.write(dir.resolve(String.format("day-%02d.csv", f)), lines, StandardCharsets.ISO_8859_1);
    }
    assertTrue(files > CsvPartStatistics.lanes(), "more files than lanes");

    Path many = tmp.resolve("many");
    ComponentResult result = CsvStatistics.run(CsvStatisticsParameters.forInput(dir + "/*.csv"), many.toString());
    assertScaled(TaxiStatisticsTest.reference(), StatisticsJson.readSplit(many.toString(), CsvStatistics.SPLIT).whole(), 1);
    List<String> rejects = Files.readAllLines(many.resolve(CsvStatistics.REJECTS_FILE));
    assertEquals(1, rejects.size());
    assertTrue(rejects.get(0).contains("day-17.csv\",\"line\":4,"), rejects.get(0));
    assertEquals(1L, result.output(CsvStatistics.STATISTICS).properties().getLong(CsvStatistics.REJECT_COUNT));
  }

  /** {@code got} holds the rows of {@code one} {@code times} times over: exact counts, same shape. */
  private static void assertScaled(DatasetFeatureStatistics one, DatasetFeatureStatistics got, int times) {
    assertEquals(times * one.numExamples(), got.numExamples());
    for (FeatureNameStatistics expected : one.features()) {
      String name = expected.name();
      FeatureNameStatistics actual = got.requireFeature(name);
      assertEquals(times * expected.commonStats().numNonMissing(), actual.commonStats().numNonMissing(), name);
      assertEquals(times * expected.commonStats().numMissing(), actual.commonStats().numMissing(), name);
      if (expected.numStats() != null && expected.numStats().mean() != null) {
        assertEquals(expected.numStats().mean(), actual.numStats().mean(), Math.abs(expected.numStats().mean()) * 1e-12, name);
        assertEquals(expected.numStats().stdDev(), actual.numStats().stdDev(), expected.numStats().stdDev() * 1e-9, name);
        assertEquals(expected.numStats().min(), actual.numStats().min(), name);
        assertEquals(expected.numStats().max(), actual.numStats().max(), name);
        assertEquals(times * expected.numStats().numZeros(), actual.numStats().numZeros(), name);
      }
      if (expected.stringStats() != null) {
        assertEquals(expected.stringStats().unique(), actual.stringStats().unique(), name);
        List<StringStatistics.FreqAndValue> scaled = expected.stringStats().topValues().stream()
            .map(v -> new StringStatistics.FreqAndValue(v.value(), times * v.frequency())).toList();
        assertEquals(scaled, actual.stringStats().topValues(), name);
      }
    }
  }

  @Test
  void rejectedRowsAreCountedAndKeptNotDropped() throws Exception {
    Path csv = Files.writeString(tmp.resolve("rows.csv"), "a,b\n1,x\n2\n3,y\n");
    Path out = tmp.resolve("profile");
    ComponentResult result = CsvStatistics.run(CsvStatisticsParameters.forInput(csv.toString()), out.toString());
    assertEquals(1L, result.output(CsvStatistics.STATISTICS).properties().getLong(CsvStatistics.REJECT_COUNT));
    List<String> rejects = Files.readAllLines(out.resolve(CsvStatistics.REJECTS_FILE));
    assertEquals(1, rejects.size());
    assertTrue(rejects.get(0).contains("\"line\":3"), rejects.get(0));
    assertEquals(2, StatisticsJson.readSplit(out.toString(), CsvStatistics.SPLIT).whole().numExamples());
  }

  @Test
  void nanAndInfinitiesAreCountedAndKeptOutOfTheNumericStatistics() throws Exception {
    // before: the NaN made 'fare' a STRING feature; now it is FLOAT with TFDV's num_nan style counts
    Path csv = Files.writeString(tmp.resolve("fares.csv"),
        "fare\n1\n3\nNaN\nnan\ninf\n-Infinity\n1e309\n5\n1\u00002\n", StandardCharsets.ISO_8859_1);
    Path out = tmp.resolve("profile");
    ComponentResult result = CsvStatistics.run(CsvStatisticsParameters.forInput(csv.toString()), out.toString());
    long rejects = result.output(CsvStatistics.STATISTICS).properties().getLong(CsvStatistics.REJECT_COUNT);
    DatasetFeatureStatistics stats = StatisticsJson.readSplit(out.toString(), CsvStatistics.SPLIT).whole();
    assertEquals(1L, rejects, "the number with a NUL byte");
    assertEquals(9, stats.numExamples() + rejects, "rows in = examples + rejects");
    FeatureNameStatistics fare = stats.requireFeature("fare");
    assertEquals(io.beamline.core.statistics.StatisticsType.FLOAT, fare.type());
    io.beamline.core.statistics.NumericStatistics num = fare.numStats();
    assertEquals(2, num.numNan());
    assertEquals(2, num.numPosInf());
    assertEquals(1, num.numNegInf());
    assertEquals(3.0, num.mean(), 1e-12);
    assertEquals(1.0, num.min());
    assertEquals(5.0, num.max());
    assertEquals(3.0, num.median());
    assertTrue(num.histograms().stream().allMatch(h -> h.numNan() == 2), num.histograms().toString());
    String json = Files.readString(out.resolve("Split-" + CsvStatistics.SPLIT).resolve(StatisticsJson.FILE_NAME))
        .replaceAll("\\s", "");
    assertTrue(json.contains("\"num_nan\":2") && json.contains("\"num_pos_inf\":2")
        && json.contains("\"num_neg_inf\":1"), json);
  }
}
