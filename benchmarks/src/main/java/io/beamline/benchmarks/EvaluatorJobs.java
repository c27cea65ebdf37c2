package io.beamline.benchmarks;

import io.beamline.core.TensorFlowSettings;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.PropertyNames;
import io.beamline.evaluator.Evaluator;
import io.beamline.evaluator.EvaluatorParameters;
import io.beamline.evaluator.SlicingSpec;
import io.beamline.evaluator.metrics.BinaryMetrics;
import io.beamline.evaluator.metrics.LabeledPrediction;
import io.beamline.evaluator.metrics.MetricsAccumulation;
import io.beamline.evaluator.metrics.MetricsAccumulator;
import io.beamline.evaluator.metrics.MetricsResult;
import io.beamline.evaluator.metrics.MetricsSpec;
import io.beamline.evaluator.metrics.Resampling;
import io.beamline.evaluator.metrics.Task;
import io.beamline.examplegen.ExampleGen;
import io.beamline.io.examples.Examples;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.trainer.Trainer;
import io.beamline.trainer.TrainerParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.beam.sdk.transforms.Combine;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * The Evaluator's benchmarks: metric accumulation alone (synthetic label/prediction pairs, one
 * accumulator), and the whole Evaluator (batch inference through the SavedModel + sliced metrics)
 * on a scaled labelled taxi Examples artifact. {@link #prepare} builds that artifact and a model
 * in its own JVM first, so the measured JVM runs the evaluation alone.
 */
final class EvaluatorJobs {
  static final String LABEL = "big_tipper";

  private EvaluatorJobs() {}

  /**
   * Metric accumulation alone for one job: {@code metrics} (binary, no intervals, through the
   * CombineFn as before), {@code metrics-ci} (binary, 20 bootstrap replicates), {@code
   * metrics-jackknife} (binary, 20 jackknife groups), {@code metrics-multiclass-ci} (3 classes, 20
   * replicates), {@code metrics-regression-ci} (20 replicates). Inputs are drawn before the clock.
   */
  static Measurement metrics(String job, int n) {
    if (job.equals("metrics")) {
      return metrics(n);
    }
    MetricsSpec spec = MetricsSpec.defaults().withBootstrapSamples(MetricsSpec.DEFAULT_BOOTSTRAP_SAMPLES);
    int columns = 1;
    switch (job) {
      case "metrics-ci" -> { }
      case "metrics-jackknife" -> spec = spec.withResampling(Resampling.JACKKNIFE);
      case "metrics-multiclass-ci" -> {
        spec = spec.multiclass(List.of("a", "b", "c"));
        columns = 3;
      }
      case "metrics-regression-ci" -> spec = spec.regression();
      default -> throw new IllegalArgumentException("Unknown metrics job '" + job + "'");
    }
    SplittableRandom random = new SplittableRandom(1);
    float[] predictions = new float[n * columns];
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      if (columns == 1) {
        predictions[i] = (float) random.nextDouble();
        labels[i] = spec.task() == Task.REGRESSION ? predictions[i] + random.nextGaussian()
            : random.nextDouble() < predictions[i] ? 1 : 0;
      } else {
        double a = random.nextDouble();
        double b = random.nextDouble() * (1 - a);
        predictions[3 * i] = (float) a;
        predictions[3 * i + 1] = (float) b;
        predictions[3 * i + 2] = (float) (1 - a - b);
        labels[i] = random.nextInt(3);
      }
    }
    long start = System.nanoTime();
    MetricsAccumulation m = MetricsAccumulation.of(spec);
    for (int i = 0; i < n; i++) {
      m.add(labels[i], predictions, i * columns, 1.0);
    }
    MetricsResult result = m.result();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Measurement(job, result.exampleCount(), 0, seconds, Measurement.peakRss());
  }

  /**
   * Adds {@code n} synthetic pairs to one accumulator and extracts the metrics; the pairs are drawn
   * before the clock starts. Default metric spec: confusion at 0.5, no intervals.
   */
  static Measurement metrics(int n) {
    SplittableRandom random = new SplittableRandom(1);
    double[] predictions = new double[n];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      predictions[i] = random.nextDouble();
      labels[i] = (byte) (random.nextDouble() < predictions[i] ? 1 : 0);
    }
    Combine.CombineFn<LabeledPrediction, MetricsAccumulator, MetricsResult> fn =
        BinaryMetrics.combineFn(MetricsSpec.defaults());
    long start = System.nanoTime();
    MetricsAccumulator a = fn.createAccumulator();
    for (int i = 0; i < n; i++) {
      a = fn.addInput(a, new LabeledPrediction(labels[i], predictions[i], 1.0));
    }
    MetricsResult result = fn.extractOutput(a);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Measurement("metrics", result.exampleCount(), 0, seconds, Measurement.peakRss());
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

  /** The Evaluator on the scaled examples; {@code intervals}: with 20 bootstrap replicates per slice. */
  static Measurement evaluate(Path scaledCsv, Path dir, boolean intervals) throws Exception {
    String examples = dir.resolve("scaled/examples").toString();
    long bytes = 0;
    try (var files = Files.walk(Path.of(examples))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        bytes += Files.size(f);
      }
    }
    EvaluatorParameters config = EvaluatorParameters.forLabel(LABEL).withSlicing(SlicingSpec.byFeatures("trip_start_hour"))
        .withConfidenceIntervals(intervals);
    String out = dir.resolve("evaluation-" + System.nanoTime()).toString();
    long start = System.nanoTime();
    ComponentResult result = Evaluator.run(examples, dir.resolve("train/model").toString(), config, out);
    double seconds = (System.nanoTime() - start) / 1e9;
    long count = result.output(Evaluator.EVALUATION).properties().getLong(PropertyNames.EXAMPLE_COUNT);
    return new Measurement(intervals ? "evaluate-ci" : "evaluate", count, bytes, seconds, Measurement.peakRss());
  }

  /**
   * The model's serving call alone on the eval split, as a user would write it with TensorFlow Java:
   * serialized examples in batches of {@code batch} made into a string tensor record by record, fed to
   * {@code serving_default}, the probabilities fetched, on one thread with TensorFlow's default thread
   * pools (one per core). The Evaluator feeds a batch as one string cut inside the graph and runs each
   * call on its worker's thread; this stays the plain loop, a peer to compare it with. The records
   * stream from the files (memory stays at a batch); the clock runs only while a batch's tensor is
   * made and scored.
   */
  static Measurement inference(Path dir, int batch) throws Exception {
    TensorFlowSettings.apply();
    String model = dir.resolve("train/model/Format-Serving").toString();
    try (SavedModelBundle bundle = SavedModelBundle.load(model, "serve")) {
      SignatureDef signature = bundle.metaGraphDef().getSignatureDefMap().get("serving_default");
      String in = signature.getInputsMap().get("examples").getName();
      String out = signature.getOutputsMap().get("probability").getName();
      List<byte[]> pending = new ArrayList<>(batch);
      long[] totals = new long[3];  // records, bytes, nanoseconds scoring
      double checksum = 0;
      for (String file : Examples.payloadFileUris(dir.resolve("scaled/examples").toString(), "eval")) {
        try (var records = Examples.readTfRecordBytes(file)) {
          while (records.hasNext()) {
            pending.add(records.next());
            if (pending.size() == batch || !records.hasNext()) {
              checksum += score(bundle, in, out, pending, totals);
            }
          }
        }
      }
      if (!(checksum > 0)) {
        throw new IllegalStateException("the model scored nothing");
      }
      return new Measurement("evaluate-inference", totals[0], totals[1], totals[2] / 1e9, Measurement.peakRss());
    }
  }

  /** Scores and clears {@code pending}; adds to {@code totals}; gives the first probability. */
  private static float score(SavedModelBundle bundle, String in, String out, List<byte[]> pending, long[] totals) {
    byte[][] records = pending.toArray(new byte[0][]);
    pending.clear();
    long start = System.nanoTime();
    try (TString t = TString.tensorOfBytes(Shape.of(records.length), DataBuffers.ofObjects(records));
        Result r = bundle.session().runner().feed(in, t).fetch(out).run()) {
      float first = ((TFloat32) r.get(0)).getFloat(0, 0);
      totals[2] += System.nanoTime() - start;
      totals[0] += records.length;
      for (byte[] record : records) {
        totals[1] += record.length;
      }
      return first;
    }
  }
}
