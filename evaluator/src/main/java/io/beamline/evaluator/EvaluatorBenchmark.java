package io.beamline.evaluator;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.evaluator.metrics.BinaryMetrics;
import io.beamline.evaluator.metrics.LabeledPrediction;
import io.beamline.evaluator.metrics.MetricsAccumulator;
import io.beamline.evaluator.metrics.MetricsResult;
import io.beamline.evaluator.metrics.MetricsSpec;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Entry points for the benchmarks module: metric accumulation alone over synthetic (label,
 * prediction) pairs, and the whole Evaluator (inference + metrics) on an Examples directory.
 *
 * <pre>{@code
 * EvaluatorBenchmark.Throughput t = EvaluatorBenchmark.metricAccumulation(10_000_000, 1);
 * double perSecond = t.perSecond();
 * }</pre>
 */
public final class EvaluatorBenchmark {
  private EvaluatorBenchmark() {}

  /** Examples processed and the wall time it took. */
  public record Throughput(long examples, Duration elapsed) {
    public double perSecond() {
      return examples / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
  }

  /**
   * Times adding {@code n} synthetic pairs to one accumulator and extracting the metrics (the pairs
   * are drawn before the clock starts). Default metric spec: confusion at 0.5, no intervals.
   */
  public static Throughput metricAccumulation(int n, long seed) {
    if (n < 1) {
      throw new InvalidParameterException("n must be >= 1, got " + n);
    }
    SplittableRandom random = new SplittableRandom(seed);
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
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Throughput(result.exampleCount(), elapsed);
  }

  /**
   * Runs the Evaluator on {@code examplesUri} with {@code modelUri} (no baseline), writing under
   * {@code outputDir} (which must not exist), and times the whole run.
   *
   * @param beamArgs Beam options, e.g. {@code --parallelism=4}
   */
  public static Throughput evaluate(String examplesUri, String modelUri, EvalConfig config, String outputDir,
      List<String> beamArgs) {
    long start = System.nanoTime();
    var result = ComponentRun.of(new Evaluator())
        .withParameters(config)
        .withInput(Evaluator.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examplesUri))
        .withInput(Evaluator.MODEL, ResolvedArtifact.at(ArtifactType.MODEL, modelUri))
        .withOutput(Evaluator.EVALUATION, outputDir + "/evaluation")
        .withOutput(Evaluator.BLESSING, outputDir + "/blessing")
        .withOptions(BeamRuns.options(beamArgs))
        .run();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Throughput(result.output(Evaluator.EVALUATION).properties().getLong("example_count"), elapsed);
  }
}
