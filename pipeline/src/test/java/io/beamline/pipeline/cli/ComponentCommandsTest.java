package io.beamline.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.StatisticsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component subcommands chained on plain directories, no store involved. */
class ComponentCommandsTest {
  @TempDir Path tmp;

  @Test
  void examplegenThenStatsOnPlainDirectories() throws Exception {
    Path csv = tmp.resolve("people.csv");
    Files.writeString(csv, "name,age,height\nann,31,1.70\nbob,,1.82\n\"c, d\",45,\n");
    Path out = tmp.resolve("gen");
    CliRunner.Result gen = CliRunner.run("examplegen", "--input", csv.toString(), "--output", out.toString(),
        "--split", "all:1", "--parallelism=1");
    assertEquals(0, gen.code(), gen.err());
    assertTrue(gen.out().contains("  all      3 examples"), gen.out());
    assertTrue(gen.out().contains("3 features: {BYTES=1, FLOAT=1, INT=1}"), gen.out());
    assertTrue(gen.out().contains("Rejects:    0 rejected rows"), gen.out());

    Path stats = tmp.resolve("stats");
    CliRunner.Result st = CliRunner.run("stats", "--examples", out.resolve("examples").toString(),
        "--output", stats.toString());
    assertEquals(0, st.code(), st.err());
    DatasetFeatureStatisticsList all = StatisticsJson.readSplit(stats.toString(), "all");
    var age = all.whole().requireFeature("age");
    assertEquals(2, age.commonStats().numNonMissing());
    assertEquals(1, age.commonStats().numMissing());
    assertEquals(38.0, age.numStats().mean(), 1e-12);
  }

  @Test
  void badInputIsOneClearLineAndExitCodeOne() throws Exception {
    Path csv = tmp.resolve("bad.csv");
    Files.writeString(csv, "a,b\n1,2\n3\n");
    CliRunner.Result r = CliRunner.run("examplegen", "--input", csv.toString(), "--output", tmp.resolve("o").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("beamline examplegen: 1 of 2 input rows were rejected"), r.err());
    assertTrue(Files.notExists(tmp.resolve("o/examples")));
  }
}
