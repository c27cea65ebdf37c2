package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.component.ComponentResult;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.StatisticsJson;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
