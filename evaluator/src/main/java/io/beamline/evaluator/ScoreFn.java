package io.beamline.evaluator;

import io.beamline.evaluator.metrics.BundleMetrics;
import io.beamline.evaluator.metrics.LabeledPrediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.tensorflow.proto.Example;

/**
 * Batch inference: buffers up to {@code batchSize} serialized examples, scores them with the
 * candidate (and the baseline) in one session call each, and adds each (label, prediction, weight)
 * to the bundle's accumulator of its (model, slice); at the end of the bundle it emits one encoded
 * partial accumulator per (model, slice), for {@link BundleMetrics#mergePerKey}. Pre-aggregating
 * here sends (bundles x models x slices) compact elements downstream instead of one per example and
 * slice, which the DirectRunner held in memory (bundle outputs, then dense per-bundle accumulators).
 * Models are loaded once per DoFn instance in {@code @Setup}, reused across bundles and closed in
 * {@code @Teardown}: loading costs seconds, a bundle may be a hundred examples.
 */
final class ScoreFn extends DoFn<Example, KV<KV<String, String>, byte[]>> {
  static final String CANDIDATE = "candidate";
  static final String BASELINE = "baseline";

  private final String candidateUri;
  private final String baselineUri;
  private final EvalConfig config;
  private final String source;
  private transient SavedModelScorer candidate;
  private transient SavedModelScorer baseline;
  private transient List<Pending> buffer;
  /** Reused across bundles (its accumulators are reset after each drain); emptied at each bundle's end. */
  private transient BundleMetrics<KV<String, String>> metrics;
  private transient boolean seeded;

  /** One example waiting for its batch: what the metrics need, and its serialized form for the model. */
  private record Pending(byte[] serialized, double label, double weight, List<String> slices) {}

  ScoreFn(String candidateUri, String baselineUri, EvalConfig config, String source) {
    this.candidateUri = candidateUri;
    this.baselineUri = baselineUri;
    this.config = config;
    this.source = source;
  }

  @Setup
  public void setup() {
    candidate = SavedModelScorer.load(candidateUri, config.model());
    if (baselineUri != null) {
      baseline = SavedModelScorer.load(baselineUri, config.model());
    }
    metrics = new BundleMetrics<>(config.metricsSpec());
  }

  @StartBundle
  public void startBundle() {
    buffer = new ArrayList<>(config.batchSize());
    seeded = false;
  }

  @ProcessElement
  public void process(@Element Example example) {
    double label = SliceKeys.number(example, config.labelKey(), "Label", source);
    double weight = config.weightKey() == null ? 1.0 : SliceKeys.number(example, config.weightKey(), "Weight", source);
    byte[] serialized = example.toByteArray();
    if (!seeded) {
      // The bootstrap seed comes from the bundle's first example: deterministic for the same bundles,
      // and different bundles draw independent multiplicities.
      metrics.startBundle(31L * Arrays.hashCode(serialized) + serialized.length);
      seeded = true;
    }
    buffer.add(new Pending(serialized, label, weight, SliceKeys.of(example, config.slicingSpecs())));
    if (buffer.size() >= config.batchSize()) {
      flush();
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    flush();
    // The eval data is bounded and read in the global window, so the partial metrics belong there too.
    metrics.drain().forEach((key, partial) ->
        context.output(KV.of(key, partial), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE));
  }

  @Teardown
  public void teardown() {
    if (candidate != null) {
      candidate.close();
    }
    if (baseline != null) {
      baseline.close();
    }
  }

  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    List<byte[]> serialized = buffer.stream().map(Pending::serialized).toList();
    accumulate(CANDIDATE, candidate.score(serialized));
    if (baseline != null) {
      accumulate(BASELINE, baseline.score(serialized));
    }
    buffer.clear();
  }

  private void accumulate(String model, float[] scores) {
    for (int i = 0; i < scores.length; i++) {
      Pending p = buffer.get(i);
      LabeledPrediction scored = labeled(p, scores[i], model);
      for (String slice : p.slices()) {
        metrics.add(KV.of(model, slice), scored);
      }
    }
  }

  private LabeledPrediction labeled(Pending p, float score, String model) {
    try {
      return new LabeledPrediction(p.label(), score, p.weight());
    } catch (io.beamline.core.InvalidInputException e) {
      throw new io.beamline.core.InvalidInputException("In " + source + " scored by the " + model + " model: "
          + e.getMessage() + " (label_key '" + config.labelKey() + "')", e);
    }
  }
}
