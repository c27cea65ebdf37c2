package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamline.core.component.ArtifactManifest;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.examplegen.ExampleGen;
import io.beamline.statsgen.CsvStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner contract's quick checks, one job each, for the embedded masters: the taxi CSV's
 * statistics through the library and the command line, and ExampleGen's splits through the command
 * line, equal the DirectRunner's. A real cluster's test leaves them out (each would be a submission
 * of about 20 s): its pipeline test submits ExampleGen, statistics and the Evaluator through the
 * launcher, and its own tests read a big CSV's statistics in parts and after a lost worker.
 */
public abstract class EmbeddedRunnerContract extends RunnerContract {
  @Test
  public void csvStatisticsEqualTheDirectRunners() throws Exception {
    DatasetFeatureStatistics direct = csvStatistics("direct", List.of());
    DatasetFeatureStatistics other = csvStatistics("other", runnerArgs());
    assertEquals(15_002, other.numExamples());
    RunnerAgreement.assertSameStatistics(direct, other);
  }

  /** ExampleGen through the command line ({@code examplegen --input ... RUNNER OPTIONS}) on the runner. */
  @Test
  public void exampleGenWritesTheSameExamplesInEachSplit() throws Exception {
    ResolvedArtifact direct = ExampleGen.from(taxiCsv().toString()).run(tmp.resolve("direct").toString())
        .output(ExampleGen.EXAMPLES);
    Path out = tmp.resolve("cli-examplegen");
    List<String> args = new ArrayList<>(List.of("examplegen", "--input", taxiCsv().toString(), "--output", out.toString()));
    args.addAll(runnerArgs());
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    String examples = out.resolve(ExampleGen.EXAMPLES).toString();
    ArtifactProperties other = ArtifactManifest.read(examples).orElseThrow().properties();
    assertEquals(direct.properties().getMap(PropertyNames.SPLIT_COUNTS), other.getMap(PropertyNames.SPLIT_COUNTS));
    assertEquals(direct.properties().getMap(PropertyNames.FEATURE_TYPES), other.getMap(PropertyNames.FEATURE_TYPES));
    for (String split : List.of("train", "eval")) {
      assertEquals(RunnerAgreement.examples(direct.uri(), split), RunnerAgreement.examples(examples, split),
          "examples of split " + split);
    }
  }

  @Test
  public void theCommandLinePassesTheRunnersOptionsOn() throws Exception {
    Path out = tmp.resolve("cli-stats");
    List<String> args = new ArrayList<>(List.of("stats", "--input", taxiCsv().toString(), "--output", out.toString()));
    args.addAll(runnerArgs());
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    RunnerAgreement.assertSameStatistics(csvStatistics("direct", List.of()),
        StatisticsJson.readSplit(out.toString(), CsvStatistics.SPLIT).whole());
  }
}
