package io.beamline.benchmarks;

import io.beamline.evaluator.EvalConfig;
import io.beamline.evaluator.EvaluatorBenchmark;
import io.beamline.evaluator.SlicingSpec;
import io.beamline.examplegen.ExampleGen;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.trainer.Trainer;
import io.beamline.trainer.TrainerParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Evaluator's benchmarks: metric accumulation alone (synthetic label/prediction pairs, one
 * accumulator), and the whole Evaluator (batch inference through the SavedModel + sliced metrics)
 * on a scaled labelled taxi Examples artifact. {@link #prepare} builds that artifact and a model
 * in its own JVM first, so the measured JVM runs the evaluation alone.
 */
final class EvaluatorJobs {
  static final String LABEL = "big_tipper";

  private EvaluatorJobs() {}

  static Measurement metrics(int n) {
    EvaluatorBenchmark.Throughput t = EvaluatorBenchmark.metricAccumulation(n, 1);
    return new Measurement("metrics", t.examples(), 0, t.elapsed().toNanos() / 1e9, Measurement.peakRss());
  }

  /** Examples of the scaled CSV in {@code dir/examples}, a model trained on the small CSV in {@code dir/model}. */
  static void prepare(Path scaledCsv, Path smallCsv, Path dir) {
    ExampleGen.from(scaledCsv.toString()).run(dir.resolve("scaled").toString());
    ExampleGen.from(smallCsv.toString()).run(dir.resolve("small").toString());
    String examples = dir.resolve("small/examples").toString();
    StatisticsGen.run(examples, dir.resolve("stats").toString());
    SchemaGen.run(dir.resolve("stats").toString(), dir.resolve("schema").toString());
    Trainer.run(examples, dir.resolve("schema").toString(), dir.resolve("stats").toString(),
        TrainerParameters.forLabel(LABEL).withExclude(List.of("tips")), dir.resolve("train").toString());
  }

  static Measurement evaluate(Path scaledCsv, Path dir) throws Exception {
    String examples = dir.resolve("scaled/examples").toString();
    long bytes = 0;
    try (var files = Files.walk(Path.of(examples))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        bytes += Files.size(f);
      }
    }
    EvalConfig config = EvalConfig.forLabel(LABEL).withSlicing(SlicingSpec.byFeatures("trip_start_hour"));
    EvaluatorBenchmark.Throughput t = EvaluatorBenchmark.evaluate(examples,
        dir.resolve("train/model").toString(),
        config, dir.resolve("evaluation-" + System.nanoTime()).toString(), List.of());
    return new Measurement("evaluate", t.examples(), bytes, t.elapsed().toNanos() / 1e9, Measurement.peakRss());
  }
}
