package io.beamline.runner.spark;

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
 * The same jobs on Beam's Spark runner (an embedded Spark, local[2]) and on the
 * DirectRunner give the same answers: statistics of the taxi CSV, and ExampleGen's split of it.
 */
class SparkRunnerTest {
  static final List<String> SPARK = List.of("--runner=SparkRunner", "--sparkMaster=local[2]");

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
  void csvStatisticsOnSparkEqualTheDirectRunners() {
    DatasetFeatureStatistics direct = csvStatistics("direct", List.of());
    DatasetFeatureStatistics spark = csvStatistics("spark", SPARK);
    assertEquals(15_002, spark.numExamples());
    RunnerAgreement.assertSameStatistics(direct, spark);
  }

  @Test
  void exampleGenOnSparkSplitsLikeTheDirectRunner() throws Exception {
    var direct = ExampleGen.from(taxiCsv().toString()).run(tmp.resolve("direct").toString())
        .output(ExampleGen.EXAMPLES);
    var spark = ExampleGen.from(taxiCsv().toString()).withBeamArgs(SPARK.toArray(String[]::new))
        .run(tmp.resolve("spark").toString()).output(ExampleGen.EXAMPLES);
    assertEquals(direct.properties().getMap(PropertyNames.SPLIT_COUNTS),
        spark.properties().getMap(PropertyNames.SPLIT_COUNTS));
    assertEquals(direct.properties().getMap(PropertyNames.FEATURE_TYPES),
        spark.properties().getMap(PropertyNames.FEATURE_TYPES));
    for (String split : List.of("train", "eval")) {
      assertEquals(RunnerAgreement.examples(direct.uri(), split), RunnerAgreement.examples(spark.uri(), split),
          "examples of split " + split);
    }
  }
}
