package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.component.ArtifactManifest;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.examplegen.ExampleGen;
import io.beamline.statsgen.CsvStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

  /**
   * ExampleGen through the command line ({@code examplegen --input ... RUNNER OPTIONS}) on the runner,
   * of a CSV big enough to be cut into parts (the taxi rows 5 times over, 9.6 MB: 2 parts, read as
   * two elements off the DirectRunner) with a broken row in its last part: the same examples in each
   * split as the DirectRunner's, which reads the file whole, and the same reject with the file's own
   * line number.
   */
  @Test
  public void exampleGenWritesTheSameExamplesInEachSplit() throws Exception {
    Path csv = taxiCsvRepeated(5);
    Files.writeString(csv, "1,2,3\n", StandardOpenOption.APPEND);
    long brokenLine;
    try (Stream<String> lines = Files.lines(csv)) {
      brokenLine = lines.count();
    }
    ResolvedArtifact direct = ExampleGen.from(csv.toString()).withMaxRejectFraction(0.01)
        .run(tmp.resolve("direct").toString()).output(ExampleGen.EXAMPLES);
    Path out = tmp.resolve("cli-examplegen");
    List<String> args = new ArrayList<>(List.of("examplegen", "--input", csv.toString(),
        "--output", out.toString(), "--max-reject-fraction", "0.01"));
    args.addAll(runnerArgs());
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    String examples = out.resolve(ExampleGen.EXAMPLES).toString();
    ArtifactProperties other = ArtifactManifest.read(examples).orElseThrow().properties();
    assertEquals(direct.properties().getMap(PropertyNames.SPLIT_COUNTS), other.getMap(PropertyNames.SPLIT_COUNTS));
    assertEquals(5 * 15_002L, other.getMap(PropertyNames.SPLIT_COUNTS).values().stream()
        .mapToLong(n -> Long.parseLong(n.toString())).sum());
    assertEquals(direct.properties().getMap(PropertyNames.FEATURE_TYPES), other.getMap(PropertyNames.FEATURE_TYPES));
    for (String split : List.of("train", "eval")) {
      assertEquals(RunnerAgreement.examples(direct.uri(), split), RunnerAgreement.examples(examples, split),
          "examples of split " + split);
    }
    List<String> rejects = Files.readAllLines(out.resolve(ExampleGen.REJECTS).resolve("rejects.jsonl"));
    assertEquals(1, rejects.size(), rejects.toString());
    assertTrue(rejects.get(0).contains("\"line\":" + brokenLine), rejects.get(0));
    assertEquals(rejects,
        Files.readAllLines(tmp.resolve("direct").resolve(ExampleGen.REJECTS).resolve("rejects.jsonl")));
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
