package io.beamline.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs one benchmark job in this JVM and prints its {@link Measurement} as one JSON line. {@code
 * run.sh} starts a fresh JVM per job so each peak RSS belongs to one job alone.
 *
 * <pre>
 * BenchmarkMain parse-only FILE.csv             (commons-csv alone: the baseline)
 * BenchmarkMain split-only FILE.csv             (Beamline's own CSV reader alone)
 * BenchmarkMain examplegen FILE.csv WORK_DIR
 * BenchmarkMain stats FILE.csv WORK_DIR          (DirectRunner, the embedded default)
 * BenchmarkMain stats-flink FILE.csv WORK_DIR    (the same job on an embedded Flink runner)
 * BenchmarkMain stats-examples FILE.csv WORK_DIR (StatisticsGen over ExampleGen's output; ExampleGen untimed)
 * BenchmarkMain stats-flink-cluster|stats-spark-cluster FILE.csv WORK_DIR BEAM_ARGS...
 * BenchmarkMain examplegen-flink-cluster|examplegen-spark-cluster FILE.csv WORK_DIR BEAM_ARGS...
 *                                                (the same jobs submitted to a cluster: run.sh starts it
 *                                                and passes --runner and the master)
 * BenchmarkMain deequ FILE.csv
 * BenchmarkMain metrics N
 * BenchmarkMain evaluate-prepare LABELLED_x100.csv LABELLED.csv WORK_DIR
 * BenchmarkMain evaluate LABELLED_x100.csv WORK_DIR
 * BenchmarkMain evaluate-inference LABELLED_x100.csv WORK_DIR
 * BenchmarkMain train-prepare LABELLED_x100.csv WORK_DIR
 * BenchmarkMain train WORK_DIR BATCH LEARNING_RATE EPOCHS PATIENCE linear|dnn  (0: the default)
 * </pre>
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: BenchmarkMain parse-only|examplegen|stats|deequ FILE.csv [WORK_DIR]"
          + " | metrics[-ci|-jackknife|-multiclass-ci|-regression-ci] N | evaluate-prepare SCALED.csv SMALL.csv WORK_DIR | evaluate[-ci|-inference] SCALED.csv WORK_DIR");
      System.exit(2);
    }
    if (args[0].equals("evaluate-prepare")) {
      EvaluatorJobs.prepare(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
      System.exit(0);
    }
    if (args[0].equals("train-prepare")) {
      TrainerJobs.prepare(Path.of(args[1]), Path.of(args[2]));
      System.exit(0);
    }
    if (args[0].equals("train")) {  // train DIR BATCH LEARNING_RATE EPOCHS PATIENCE linear|dnn
      System.out.println(TrainerJobs.train(Path.of(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]),
          Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6]).toJson());
      System.exit(0);
    }
    if (args[0].startsWith("metrics")) {
      System.out.println(EvaluatorJobs.metrics(args[0], Integer.parseInt(args[1])).toJson());
      System.exit(0);
    }
    Path csv = Path.of(args[1]);
    Measurement m = switch (args[0]) {
      case "parse-only" -> ParseOnly.run(csv);
      case "split-only" -> ParseOnly.splitOnly(csv);
      case "examplegen" -> ExampleGenJob.run("examplegen", csv, Path.of(args[2]), List.of());
      case "examplegen-flink-cluster", "examplegen-spark-cluster" ->
          ExampleGenJob.run(args[0], csv, Path.of(args[2]), List.of(args).subList(3, args.length));
      case "stats-flink-cluster", "stats-spark-cluster" ->
          StatsJob.run(args[0], csv, Path.of(args[2]), List.of(args).subList(3, args.length));
      case "stats" -> StatsJob.run("stats", csv, Path.of(args[2]), List.of());
      case "stats-examples" -> ExampleGenJob.statsOverExamples(csv, Path.of(args[2]));
      case "stats-flink" -> StatsJob.run("stats-flink", csv, Path.of(args[2]),
          List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
      case "deequ" -> DeequProfile.run(csv);
      case "evaluate" -> EvaluatorJobs.evaluate(csv, Path.of(args[2]), false);
      case "evaluate-ci" -> EvaluatorJobs.evaluate(csv, Path.of(args[2]), true);
      case "evaluate-inference" -> EvaluatorJobs.inference(Path.of(args[2]), 1000);
      default -> throw new IllegalArgumentException("Unknown job '" + args[0]
          + "'; jobs: parse-only, split-only, examplegen, stats, stats-examples, stats-flink, deequ, metrics, metrics-ci, metrics-jackknife, metrics-multiclass-ci, metrics-regression-ci, evaluate-prepare,"
          + " evaluate, evaluate-ci, evaluate-inference");
    };
    System.out.println(m.toJson());
    System.exit(0);
  }
}
