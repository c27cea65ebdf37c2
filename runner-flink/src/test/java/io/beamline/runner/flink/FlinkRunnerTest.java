package io.beamline.runner.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.examplegen.ExampleGen;
import io.beamline.io.testing.RunnerAgreement;
import io.beamline.statsgen.CsvStatistics;
import io.beamline.statsgen.CsvStatisticsParameters;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same jobs on Beam's Flink runner (an embedded Flink mini cluster, two task slots) and on the
 * DirectRunner give the same answers: statistics of the taxi CSV, and ExampleGen's split of it.
 */
class FlinkRunnerTest {
  static final List<String> FLINK = List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");

  @TempDir Path tmp;

  static Path taxiCsv() {
    return Path.of("../examples/data/taxi/data.csv").toAbsolutePath().normalize();
  }

  private DatasetFeatureStatistics csvStatistics(String name, List<String> beamArgs) {
    String out = tmp.resolve(name).toString();
    ComponentRun.of(new CsvStatistics())
        .withParameters(CsvStatisticsParameters.forInput(taxiCsv().toString()))
        .withOutput(CsvStatistics.STATISTICS, out)
        .withOptions(BeamRuns.options(beamArgs))
        .run();
    return StatisticsJson.readSplit(out, CsvStatistics.SPLIT).whole();
  }

  @Test
  void csvStatisticsOnFlinkEqualTheDirectRunners() {
    DatasetFeatureStatistics direct = csvStatistics("direct", List.of());
    DatasetFeatureStatistics flink = csvStatistics("flink", FLINK);
    assertEquals(15_002, flink.numExamples());
    RunnerAgreement.assertSameStatistics(direct, flink);
  }

  @Test
  void exampleGenOnFlinkSplitsLikeTheDirectRunner() throws Exception {
    var direct = ExampleGen.from(taxiCsv().toString()).run(tmp.resolve("direct").toString())
        .output(ExampleGen.EXAMPLES);
    var flink = ExampleGen.from(taxiCsv().toString()).withBeamArgs(FLINK.toArray(String[]::new))
        .run(tmp.resolve("flink").toString()).output(ExampleGen.EXAMPLES);
    assertEquals(direct.properties().getMap(PropertyNames.SPLIT_COUNTS),
        flink.properties().getMap(PropertyNames.SPLIT_COUNTS));
    assertEquals(direct.properties().getMap(PropertyNames.FEATURE_TYPES),
        flink.properties().getMap(PropertyNames.FEATURE_TYPES));
    for (String split : List.of("train", "eval")) {
      assertEquals(RunnerAgreement.examples(direct.uri(), split), RunnerAgreement.examples(flink.uri(), split),
          "examples of split " + split);
    }
  }
}
