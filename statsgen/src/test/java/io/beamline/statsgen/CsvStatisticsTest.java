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

    assertEquals(5 * x1.numExamples(), x5.numExamples());
    for (FeatureNameStatistics one : x1.features()) {
      String name = one.name();
      FeatureNameStatistics got = x5.requireFeature(name);
      assertEquals(5 * one.commonStats().numNonMissing(), got.commonStats().numNonMissing(), name);
      assertEquals(5 * one.commonStats().numMissing(), got.commonStats().numMissing(), name);
      if (one.numStats() != null && one.numStats().mean() != null) {
        assertEquals(one.numStats().mean(), got.numStats().mean(), Math.abs(one.numStats().mean()) * 1e-12, name);
        assertEquals(one.numStats().stdDev(), got.numStats().stdDev(), one.numStats().stdDev() * 1e-9, name);
        assertEquals(one.numStats().min(), got.numStats().min(), name);
        assertEquals(one.numStats().max(), got.numStats().max(), name);
        assertEquals(5 * one.numStats().numZeros(), got.numStats().numZeros(), name);
      }
      if (one.stringStats() != null) {
        assertEquals(one.stringStats().unique(), got.stringStats().unique(), name);
        List<StringStatistics.FreqAndValue> times5 = one.stringStats().topValues().stream()
            .map(v -> new StringStatistics.FreqAndValue(v.value(), 5 * v.frequency())).toList();
        assertEquals(times5, got.stringStats().topValues(), name);
      }
    }
    List<String> rejects = Files.readAllLines(five.resolve(CsvStatistics.REJECTS_FILE));
    assertEquals(1, rejects.size());
    assertTrue(rejects.get(0).contains("\"line\":" + badLine), rejects.get(0));
    assertEquals(1L, result.output(CsvStatistics.STATISTICS).properties().getLong(CsvStatistics.REJECT_COUNT));
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
