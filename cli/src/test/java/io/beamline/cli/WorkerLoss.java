package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.beamline.core.BeamlineException;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.statsgen.CsvStatistics;
import io.beamline.statsgen.CsvStatisticsParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A worker of a real cluster killed in the middle of a statistics job, for the runner modules'
 * cluster tests: the job either recovers and gives the DirectRunner's statistics, or fails with an
 * error naming the runner and the job and publishes nothing; either way the same job run again
 * completes with the DirectRunner's statistics.
 */
public final class WorkerLoss {
  /** What the killed job did. */
  public enum Outcome { RECOVERED, FAILED_CLEARLY }

  /** Kills a worker once the job runs (waiting for it to be mid-way); says whom it killed. */
  @FunctionalInterface
  public interface Kill {
    String midJob() throws Exception;
  }

  /** Makes the cluster whole again before the re-run (e.g. starts a TaskManager in the lost one's place). */
  @FunctionalInterface
  public interface Repair {
    void run() throws Exception;
  }

  private WorkerLoss() {}

  /**
   * Runs {@code csv}'s statistics with {@code beamArgs} (named {@code --jobName=JOB}) while {@code
   * kill} kills a worker, then checks the outcome as above, repairs the cluster and runs the job again.
   *
   * @param runner the runner's name, which a failure's message must hold ("FlinkRunner")
   */
  public static Outcome statistics(Path csv, Path dir, List<String> beamArgs, String runner, String job, Kill kill,
      Repair repair) throws Exception {
    DatasetFeatureStatistics expected = statistics(csv, dir.resolve("direct"), List.of());
    List<String> args = new ArrayList<>(beamArgs);
    args.add("--jobName=" + job);
    Path out = dir.resolve("killed");
    ExecutorService submitter = Executors.newSingleThreadExecutor();
    Outcome outcome;
    try {
      Future<DatasetFeatureStatistics> run = submitter.submit(() -> statistics(csv, out, args));
      String killed = kill.midJob();
      System.out.println("killed " + killed + " in the middle of job " + job);
      try {
        DatasetFeatureStatistics recovered = run.get(5, TimeUnit.MINUTES);
        RunnerAgreement.assertSameStatistics(expected, recovered);
        outcome = Outcome.RECOVERED;
      } catch (ExecutionException e) {
        Throwable failure = e.getCause();
        if (!(failure instanceof BeamlineException)) {
          fail("the killed job failed without naming runner and job", failure);
        }
        String message = failure.getMessage();
        System.out.println("the killed job failed: " + message);
        assertTrue(message.contains(runner) && message.contains("'" + job + "'"),
            "the error names neither the runner nor the job: " + message);
        assertFalse(Files.exists(out), "a failed run published " + out);
        outcome = Outcome.FAILED_CLEARLY;
      }
    } finally {
      submitter.shutdownNow();
    }
    repair.run();
    // Again into the failed run's output (its staging directory left behind), or beside the recovered one.
    Path again = outcome == Outcome.RECOVERED ? dir.resolve("again") : out;
    RunnerAgreement.assertSameStatistics(expected, statistics(csv, again, args));
    return outcome;
  }

  /** The statistics of {@code csv} (the library call, {@code CsvStatistics}) into {@code out}. */
  static DatasetFeatureStatistics statistics(Path csv, Path out, List<String> beamArgs) {
    ComponentRun.of(new CsvStatistics())
        .withParameters(CsvStatisticsParameters.forInput(csv.toString()))
        .withOutput(CsvStatistics.STATISTICS, out.toString())
        .withOptions(BeamRuns.options(beamArgs))
        .run();
    return StatisticsJson.readSplit(out.toString(), CsvStatistics.SPLIT).whole();
  }
}
