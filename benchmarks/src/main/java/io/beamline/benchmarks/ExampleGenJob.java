package io.beamline.benchmarks;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ComponentResult;
import io.beamline.examplegen.ExampleGen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** ExampleGen on one CSV (embedded, or on a cluster): parse, infer types, hash-split, write gzip'd TFRecords. */
final class ExampleGenJob {
  private ExampleGenJob() {}

  static Measurement run(String job, Path csv, Path workDir, List<String> beamArgs) throws Exception {
    Path out = workDir.resolve("examplegen-" + System.nanoTime());
    long start = System.nanoTime();
    ComponentResult result = ExampleGen.from(csv.toString())
        .withBeamArgs(beamArgs.toArray(String[]::new))
        .run(out.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    long rows = 0;
    for (Object count : result.output(ExampleGen.EXAMPLES).properties().getMap(PropertyNames.SPLIT_COUNTS).values()) {
      rows += ((Number) count).longValue();
    }
    return new Measurement(job, rows, Files.size(csv), seconds, Measurement.peakRss());
  }

  /**
   * StatisticsGen over every split of the Examples ExampleGen makes of the CSV (the pipeline's
   * statistics path: TFRecords to Arrow batches to statistics). ExampleGen runs first and is not
   * timed; the bytes reported are the CSV's, so MB/s compares with the other jobs.
   */
  static Measurement statsOverExamples(Path csv, Path workDir) throws Exception {
    Path examples = workDir.resolve("examplegen-" + System.nanoTime());
    ExampleGen.from(csv.toString()).run(examples.toString());
    Path out = workDir.resolve("stats-" + System.nanoTime());
    long start = System.nanoTime();
    ComponentResult result = io.beamline.statsgen.StatisticsGen.run(examples.resolve("examples").toString(),
        out.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    long rows = 0;
    for (Object count : result.output(io.beamline.statsgen.StatisticsGen.STATISTICS).properties()
        .getMap(io.beamline.statsgen.StatisticsGen.NUM_EXAMPLES).values()) {
      rows += ((Number) count).longValue();
    }
    return new Measurement("stats-examples", rows, Files.size(csv), seconds, Measurement.peakRss());
  }
}
