package io.beamline.benchmarks;

import io.beamline.core.statistics.StatisticsJson;
import io.beamline.statsgen.CsvStatistics;
import io.beamline.statsgen.CsvStatisticsParameters;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code beamline stats --input FILE.csv} runs: CSV to full statistics in one pass
 * (ExampleGen's parser and type inference feeding the statistics accumulators), embedded.
 */
final class StatsJob {
  private StatsJob() {}

  static Measurement run(Path csv, Path workDir) throws Exception {
    Path out = workDir.resolve("stats-" + System.nanoTime());
    long start = System.nanoTime();
    CsvStatistics.run(CsvStatisticsParameters.forInput(csv.toString()), out.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    long rows = StatisticsJson.readSplit(out.toString(), CsvStatistics.SPLIT).whole().numExamples();
    return new Measurement("stats", rows, Files.size(csv), seconds, Measurement.peakRss());
  }
}
