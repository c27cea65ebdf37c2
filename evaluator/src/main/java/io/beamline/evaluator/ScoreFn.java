package io.beamline.evaluator;

import io.beamline.evaluator.metrics.LabeledPrediction;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.tensorflow.proto.Example;

/**
 * Batch inference: buffers up to {@code batchSize} serialized examples, scores them with the
 * candidate (and the baseline) in one session call each, and emits one (model, slice) -> (label,
 * prediction, weight) per model and slice of each example. Models are loaded once per DoFn instance
 * in {@code @Setup}, reused across bundles and closed in {@code @Teardown}: loading costs seconds,
 * a bundle may be a few hundred examples.
 */
final class ScoreFn extends DoFn<Example, KV<KV<String, String>, LabeledPrediction>> {
  static final String CANDIDATE = "candidate";
  static final String BASELINE = "baseline";

  private final String candidateUri;
  private final String baselineUri;
  private final EvalConfig config;
  private final String source;
  private transient SavedModelScorer candidate;
  private transient SavedModelScorer baseline;
  private transient List<Pending> buffer;

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
  }

  @StartBundle
  public void startBundle() {
    buffer = new ArrayList<>(config.batchSize());
  }

  @ProcessElement
  public void process(@Element Example example, OutputReceiver<KV<KV<String, String>, LabeledPrediction>> out) {
    double label = SliceKeys.number(example, config.labelKey(), "Label", source);
    double weight = config.weightKey() == null ? 1.0 : SliceKeys.number(example, config.weightKey(), "Weight", source);
    buffer.add(new Pending(example.toByteArray(), label, weight, SliceKeys.of(example, config.slicingSpecs())));
    if (buffer.size() >= config.batchSize()) {
      flush(out::output);
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    // The eval data is bounded and read in the global window, so the flushed rest belongs there too.
    flush(kv -> context.output(kv, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE));
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

  private void flush(java.util.function.Consumer<KV<KV<String, String>, LabeledPrediction>> out) {
    if (buffer.isEmpty()) {
      return;
    }
    List<byte[]> serialized = buffer.stream().map(Pending::serialized).toList();
    emit(CANDIDATE, candidate.score(serialized), out);
    if (baseline != null) {
      emit(BASELINE, baseline.score(serialized), out);
    }
    buffer.clear();
  }

  private void emit(String model, float[] scores,
      java.util.function.Consumer<KV<KV<String, String>, LabeledPrediction>> out) {
    for (int i = 0; i < scores.length; i++) {
      Pending p = buffer.get(i);
      LabeledPrediction scored = labeled(p, scores[i], model);
      for (String slice : p.slices()) {
        out.accept(KV.of(KV.of(model, slice), scored));
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
