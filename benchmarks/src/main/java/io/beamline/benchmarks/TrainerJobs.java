package io.beamline.benchmarks;

import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.examplegen.ExampleGen;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.trainer.Trainer;
import io.beamline.trainer.TrainerParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Trainer's benchmark: training on a scaled labelled taxi Examples artifact. {@link #prepare}
 * makes the examples, statistics and schema in its own JVM first, so the measured JVM trains alone.
 * The measurement counts the examples of every epoch; the ModelRun's metrics.json (printed to
 * stderr) has the eval AUC per epoch and where the time went.
 */
final class TrainerJobs {
  private TrainerJobs() {}

  static void prepare(Path scaledCsv, Path dir) {
    ExampleGen.from(scaledCsv.toString()).run(dir.resolve("data").toString());
    StatisticsGen.run(dir.resolve("data/examples").toString(), dir.resolve("stats").toString());
    SchemaGen.run(dir.resolve("stats").toString(), dir.resolve("schema").toString());
  }

  /** Trains with the given batch size (0: the default), learning rate (0: the default), epochs and patience. */
  static Measurement train(Path dir, int batchSize, double learningRate, int epochs, int patience, String model)
      throws Exception {
    TrainerParameters p = TrainerParameters.forLabel(EvaluatorJobs.LABEL).withExclude(List.of("tips"))
        .withEpochs(epochs).withPatience(patience);
    if (model.equals("dnn")) {
      p = p.withDnn(List.of(32, 16));
    }
    if (batchSize > 0) {
      p = p.withBatchSize(batchSize);
    }
    if (learningRate > 0) {
      p = p.withOptimizer(p.optimizer(), learningRate);
    }
    Path out = dir.resolve("train-" + System.nanoTime());
    long start = System.nanoTime();
    ComponentResult result = Trainer.run(dir.resolve("data/examples").toString(), dir.resolve("schema").toString(),
        dir.resolve("stats").toString(), p, out.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    String metrics = Files.readString(Path.of(result.output(Trainer.MODEL_RUN).uri()).resolve("metrics.json"));
    System.err.println(metrics);
    var props = result.output(Trainer.MODEL).properties();
    long epochsRun = props.getLong(PropertyNames.EPOCHS_RUN);
    long trainExamples = StatisticsJson.readSplit(dir.resolve("stats").toString(), "train").whole().numExamples();
    System.err.printf("eval AUC %.4f (best epoch %d of %d)%n", props.getDouble(PropertyNames.EVAL_AUC),
        props.getLong(PropertyNames.BEST_EPOCH), epochsRun);
    return new Measurement("train-" + model, epochsRun * trainExamples, 0, seconds, Measurement.peakRss());
  }
}
