package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.statistics.StatisticsJson;
import io.beamline.statsgen.CsvStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./beamline} launcher with a runner asked for, run by each runner module's integration
 * test after that module's {@code target/lib} is packaged: the launcher puts it on the classpath.
 */
public abstract class RunnerLauncherContract {
  @TempDir Path home;

  /** The runner's Beam options, e.g. {@code --runner=FlinkRunner --flinkMaster=[local]}. */
  protected abstract List<String> runnerArgs();

  @Test
  public void statsRunOnTheRunnerFromTheCommandLine() throws Exception {
    Path out = home.resolve("stats");
    List<String> args = new ArrayList<>(List.of("stats", "--input", RunnerContract.taxiCsv().toString(),
        "--output", out.toString()));
    args.addAll(runnerArgs());
    Launcher.Result r = Launcher.run(home, args.toArray(String[]::new));
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("Rejects:    0 rejected rows"), r.out());
    assertEquals(15_002, StatisticsJson.readSplit(out.toString(), CsvStatistics.SPLIT).whole().numExamples());
  }
}
