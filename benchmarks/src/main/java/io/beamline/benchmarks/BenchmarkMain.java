package io.beamline.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs one benchmark job in this JVM and prints its {@link Measurement} as one JSON line. {@code
 * run.sh} starts a fresh JVM per job so each peak RSS belongs to one job alone.
 *
 * <pre>
 * BenchmarkMain parse-only FILE.csv
 * BenchmarkMain examplegen FILE.csv WORK_DIR
 * BenchmarkMain stats FILE.csv WORK_DIR
 * BenchmarkMain deequ FILE.csv
 * </pre>
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: BenchmarkMain parse-only|examplegen|stats|deequ FILE.csv [WORK_DIR]");
      System.exit(2);
    }
    Path csv = Path.of(args[1]);
    Measurement m = switch (args[0]) {
      case "parse-only" -> ParseOnly.run(csv);
      case "examplegen" -> ExampleGenJob.run(csv, Path.of(args[2]), List.of());
      case "stats" -> StatsJob.run(csv, Path.of(args[2]));
      case "deequ" -> DeequProfile.run(csv);
      default -> throw new IllegalArgumentException("Unknown job '" + args[0]
          + "'; jobs: parse-only, examplegen, stats, deequ");
    };
    System.out.println(m.toJson());
    System.exit(0);
  }
}
