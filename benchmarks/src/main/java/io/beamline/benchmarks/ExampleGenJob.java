package io.beamline.benchmarks;

import io.beamline.core.component.ComponentResult;
import io.beamline.examplegen.ExampleGen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** ExampleGen on one CSV, embedded: parse, infer types, hash-split, write gzip'd TFRecords. */
final class ExampleGenJob {
  private ExampleGenJob() {}

  static Measurement run(Path csv, Path workDir, List<String> beamArgs) throws Exception {
    Path out = workDir.resolve("examplegen-" + System.nanoTime());
    long start = System.nanoTime();
    ComponentResult result = ExampleGen.from(csv.toString())
        .withBeamArgs(beamArgs.toArray(String[]::new))
        .run(out.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    long rows = 0;
    for (Object count : result.output(ExampleGen.EXAMPLES).properties().getMap("split_counts").values()) {
      rows += ((Number) count).longValue();
    }
    return new Measurement("examplegen", rows, Files.size(csv), seconds, Measurement.peakRss());
  }
}
