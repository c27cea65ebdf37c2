package io.beamline.evaluator.metrics;

import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Binary-classification metrics over (label, prediction, weight) triples, as one mergeable
 * {@code CombineFn}: counts, accuracy, precision, recall (at 0.5), AUC and AUC-PR (from a
 * 10,000-bucket histogram, within 1e-3 of the exact values), binary cross-entropy, mean label and
 * prediction, calibration, confusion matrices, calibration plot, and optionally bootstrap intervals.
 *
 * <pre>{@code
 * PCollection<KV<SliceKey, MetricsResult>> perSlice = scored.apply(BinaryMetrics.perKey(MetricsSpec.defaults()));
 * MetricsResult overall = BinaryMetrics.compute(List.of(LabeledPrediction.of(1, 0.8)), MetricsSpec.defaults());
 * }</pre>
 */
public final class BinaryMetrics {
  private BinaryMetrics() {}

  /** The combine function itself, for Beam or for direct use (create, add, merge, extract). */
  public static Combine.CombineFn<LabeledPrediction, MetricsAccumulator, MetricsResult> combineFn(MetricsSpec spec) {
    return new MetricsFn(spec);
  }

  public static Combine.Globally<LabeledPrediction, MetricsResult> globally(MetricsSpec spec) {
    return Combine.globally(new MetricsFn(spec));
  }

  public static <K> Combine.PerKey<K, LabeledPrediction, MetricsResult> perKey(MetricsSpec spec) {
    return Combine.perKey(new MetricsFn(spec));
  }

  /** The metrics of {@code predictions} without Beam. */
  public static MetricsResult compute(Iterable<LabeledPrediction> predictions, MetricsSpec spec) {
    MetricsFn fn = new MetricsFn(spec);
    MetricsAccumulator a = fn.createAccumulator();
    for (LabeledPrediction p : predictions) {
      a = fn.addInput(a, p);
    }
    return fn.extractOutput(a);
  }

  /** The accumulator's coder, e.g. to check that accumulators round-trip. */
  public static Coder<MetricsAccumulator> accumulatorCoder() {
    return MetricsAccumulatorCoder.of();
  }

  /** A compact deterministic coder for the inputs. */
  public static Coder<LabeledPrediction> predictionCoder() {
    return LabeledPredictionCoder.INSTANCE;
  }

  private static final class MetricsFn extends Combine.CombineFn<LabeledPrediction, MetricsAccumulator, MetricsResult> {
    private final MetricsSpec spec;

    MetricsFn(MetricsSpec spec) {
      this.spec = spec;
    }

    @Override
    public MetricsAccumulator createAccumulator() {
      return new MetricsAccumulator(spec, true);
    }

    @Override
    public MetricsAccumulator addInput(MetricsAccumulator a, LabeledPrediction p) {
      a.add(p.label(), p.prediction(), p.weight());
      return a;
    }

    @Override
    public MetricsAccumulator mergeAccumulators(Iterable<MetricsAccumulator> accumulators) {
      return MetricsAccumulator.mergeAll(accumulators, this::createAccumulator);
    }

    @Override
    public MetricsResult extractOutput(MetricsAccumulator a) {
      return MetricsComputer.compute(a);
    }

    @Override
    public Coder<MetricsAccumulator> getAccumulatorCoder(CoderRegistry registry, Coder<LabeledPrediction> input)
        throws CannotProvideCoderException {
      return MetricsAccumulatorCoder.of();
    }

    @Override
    public Coder<MetricsResult> getDefaultOutputCoder(CoderRegistry registry, Coder<LabeledPrediction> input) {
      return org.apache.beam.sdk.coders.SerializableCoder.of(MetricsResult.class);
    }
  }

}
