package io.beamline.benchmarks;

import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.statsgen.CsvStatistics;
import io.beamline.statsgen.CsvStatisticsParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code beamline stats --input FILE.csv} runs: CSV to full statistics in one pass
 * (ExampleGen's parser and type inference feeding the statistics accumulators), embedded.
 */
final class StatsJob {
  private StatsJob() {}

  /**
   * @param beamArgs Beam options, e.g. {@code --runner=FlinkRunner --flinkMaster=[local]}; empty for
   *     the embedded default (DirectRunner)
   */
  static Measurement run(String job, Path csv, Path workDir, List<String> beamArgs) throws Exception {
    Path out = workDir.resolve("stats-" + System.nanoTime());
    long start = System.nanoTime();
    ComponentRun.of(new CsvStatistics())
        .withParameters(CsvStatisticsParameters.forInput(csv.toString()))
        .withOutput(CsvStatistics.STATISTICS, out.toString())
        .withOptions(BeamRuns.options(beamArgs))
        .run();
    double seconds = (System.nanoTime() - start) / 1e9;
    long rows = StatisticsJson.readSplit(out.toString(), CsvStatistics.SPLIT).whole().numExamples();
    return new Measurement(job, rows, Files.size(csv), seconds, Measurement.peakRss());
  }
}
