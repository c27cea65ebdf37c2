package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.beamline.core.statistics.StatisticsJson;
import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./beamline} launcher script, after {@code package} has built the CLI jar.
 */
class LauncherIT {
  @TempDir Path home;

  private static final Path LAUNCHER = Path.of("..", "beamline").toAbsolutePath().normalize();

  record Result(int code, String out) {}

  private Result launch(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("BEAMLINE_HOME", home.toString());
    // The jar was just packaged by this build; a source edited meanwhile must not start a nested build.
    pb.environment().put("BEAMLINE_SKIP_BUILD", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish");
    return new Result(p.exitValue(), out);
  }

  @Test
  void helpExitsZeroAndListsCommands() throws Exception {
    Result r = launch("--help");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().startsWith("Usage: beamline"), r.out());
    assertTrue(r.out().contains("lineage"), r.out());
  }

  @Test
  void runsOnAnEmptyHomeExitsZero() throws Exception {
    Result r = launch("runs");
    assertEquals(0, r.code(), r.out());
    assertEquals("No pipeline runs yet: there is no store at " + home.resolve("metadata.sqlite") + ".\n"
        + "Run `beamline demo` to run the example pipeline.\n", r.out());
  }

  /**
   * The launcher puts the asked runner's module on the classpath (built by this reactor before the
   * cli module) and the command passes the runner's own options on to Beam.
   */
  @ParameterizedTest
  @ValueSource(strings = {"--runner=FlinkRunner --flinkMaster=[local] --parallelism=2",
      "--runner=SparkRunner --sparkMaster=local[2]"})
  void statsRunOnAnotherRunnerFromTheCommandLine(String runnerArgs) throws Exception {
    String module = runnerArgs.contains("Flink") ? "runner-flink" : "runner-spark";
    // the whole reactor builds the runner modules before this one; `-pl cli` alone does not
    Assumptions.assumeTrue(Files.isDirectory(Path.of("..", module, "target", "lib")),
        module + "/target/lib is not built: run the whole build (mvn verify) to test the runners");
    Path out = home.resolve("stats");
    List<String> args = new java.util.ArrayList<>(List.of("stats", "--input",
        Path.of("..", "examples", "data", "taxi", "data.csv").toAbsolutePath().normalize().toString(),
        "--output", out.toString()));
    args.addAll(List.of(runnerArgs.split(" ")));
    Result r = launch(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("Rejects:    0 rejected rows"), r.out());
    assertEquals(15_002, StatisticsJson.readSplit(out.toString(), "all").whole().numExamples());
  }
}
