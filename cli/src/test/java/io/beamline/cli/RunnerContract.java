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
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every runner must do, run by each runner module's test (which has that runner on its
 * classpath): the taxi data's statistics and ExampleGen's split equal the DirectRunner's, through
 * the library and through the command line (statistics both ways, ExampleGen through the command
 * line, whose library call is the same executor with the same options).
 */
public abstract class RunnerContract {
  @TempDir protected Path tmp;

  /** The runner's Beam options, e.g. {@code --runner=FlinkRunner --flinkMaster=[local]}. */
  protected abstract List<String> runnerArgs();

  /**
   * Runs one job on the runner. A real cluster's test overrides it to check, after the job, that
   * the work was spread over its workers.
   */
  protected <T> T onRunner(Callable<T> job) throws Exception {
    return job.call();
  }

  protected static Path taxiCsv() {
    return Path.of("../examples/data/taxi/data.csv").toAbsolutePath().normalize();
  }

  /**
   * The taxi rows {@code copies} times over under one header, in {@link #tmp}: big enough at 35
   * copies (67 MB) to be cut into parts (17 of 4 MiB), with every count {@code copies} times the
   * taxi file's.
   */
  protected Path taxiCsvRepeated(int copies) throws IOException {
    Path big = tmp.resolve("taxi_x" + copies + ".csv");
    List<String> lines = Files.readAllLines(taxiCsv());
    try (BufferedWriter out = Files.newBufferedWriter(big)) {
      out.write(lines.get(0));
      out.newLine();
      for (int i = 0; i < copies; i++) {
        for (String line : lines.subList(1, lines.size())) {
          out.write(line);
          out.newLine();
        }
      }
    }
    return big;
  }

  private DatasetFeatureStatistics csvStatistics(String name, List<String> beamArgs) {
    return csvStatistics(name, taxiCsv(), beamArgs);
  }

  /** The statistics of {@code csv} (the library call, {@code CsvStatistics}) into {@code tmp/name}. */
  protected DatasetFeatureStatistics csvStatistics(String name, Path csv, List<String> beamArgs) {
    return WorkerLoss.statistics(csv, tmp.resolve(name), beamArgs);
  }

  @Test
  public void csvStatisticsEqualTheDirectRunners() throws Exception {
    DatasetFeatureStatistics direct = csvStatistics("direct", List.of());
    DatasetFeatureStatistics other = onRunner(() -> csvStatistics("other", runnerArgs()));
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
    onRunner(() -> {
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      return r;
    });
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
    onRunner(() -> {
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      return r;
    });
    RunnerAgreement.assertSameStatistics(csvStatistics("direct", List.of()),
        StatisticsJson.readSplit(out.toString(), CsvStatistics.SPLIT).whole());
  }
}
