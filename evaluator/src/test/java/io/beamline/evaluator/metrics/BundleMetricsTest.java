package io.beamline.evaluator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.junit.jupiter.api.Test;

class BundleMetricsTest {
  private static final int PARTS = 6;

  /** What the pipeline produced, gathered in this JVM (the DirectRunner runs here); PAssert would need hamcrest. */
  private static final Map<String, Queue<Object>> SEEN = new ConcurrentHashMap<>();

  /** Pre-aggregates like the Evaluator's ScoreFn: per bundle, keys Overall and the index's parity. */
  private static final class PreAggregateFn extends DoFn<KV<Integer, LabeledPrediction>, KV<String, byte[]>> {
    private final MetricsSpec spec;
    private transient BundleMetrics<String> bundle;

    PreAggregateFn(MetricsSpec spec) {
      this.spec = spec;
    }

    private transient boolean seeded;

    @Setup
    public void setup() {
      bundle = new BundleMetrics<>(spec);
    }

    @StartBundle
    public void start() {
      seeded = false;
    }

    @ProcessElement
    public void process(@Element KV<Integer, LabeledPrediction> e) {
      if (!seeded) {
        bundle.startBundle(e.getKey());
        seeded = true;
      }
      bundle.add("Overall", e.getValue());
      bundle.add(parity(e.getKey()), e.getValue());
    }

    @FinishBundle
    public void finish(FinishBundleContext context) {
      bundle.drain().forEach((k, partial) ->
          context.output(KV.of(k, partial), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE));
    }
  }

  private static final class CollectFn<T> extends DoFn<T, Void> {
    private final String key;

    CollectFn(String key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element T element) {
      SEEN.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(element);
    }
  }

  private static String parity(int i) {
    return i % 2 == 0 ? "even" : "odd";
  }

  /** Synthetic predictions with weights 0.5, 1.5 and 2.5 (exact in binary, so weight sums do not depend on order). */
  private static List<LabeledPrediction> weighted(int n) {
    List<LabeledPrediction> out = new ArrayList<>();
    List<LabeledPrediction> base = BinaryMetricsTest.synthetic(n, 21);
    for (int i = 0; i < n; i++) {
      out.add(new LabeledPrediction(base.get(i).label(), base.get(i).prediction(), 0.5 + i % 3));
    }
    return out;
  }

  /** Runs Flatten(several Creates) -> pre-aggregate per bundle -> merge per key; returns the metrics by key. */
  @SuppressWarnings("unchecked")
  private static Map<String, MetricsResult> runPipeline(List<LabeledPrediction> data, MetricsSpec spec, String run) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    List<PCollection<KV<Integer, LabeledPrediction>>> parts = new ArrayList<>();
    int size = data.size() / PARTS;
    for (int part = 0; part < PARTS; part++) {
      List<KV<Integer, LabeledPrediction>> rows = new ArrayList<>();
      for (int i = part * size; i < (part == PARTS - 1 ? data.size() : (part + 1) * size); i++) {
        rows.add(KV.of(i, data.get(i)));
      }
      parts.add(p.apply("Part" + part, Create.of(rows)
          .withCoder(KvCoder.of(VarIntCoder.of(), BinaryMetrics.predictionCoder()))));
    }
    PCollection<KV<String, byte[]>> partials = PCollectionList.of(parts).apply(Flatten.pCollections())
        .apply("PreAggregate", ParDo.of(new PreAggregateFn(spec)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
    partials.apply("CollectPartials", ParDo.of(new CollectFn<>(run + "/partials")));
    partials.apply("Merge", BundleMetrics.mergePerKey(spec))
        .apply("CollectMetrics", ParDo.of(new CollectFn<>(run + "/metrics")));
    p.run().waitUntilFinish();

    long overallPartials = SEEN.get(run + "/partials").stream()
        .filter(o -> ((KV<String, byte[]>) o).getKey().equals("Overall")).count();
    assertTrue(overallPartials >= PARTS, "each Create is at least one bundle: " + overallPartials);
    Map<String, MetricsResult> out = new ConcurrentHashMap<>();
    for (Object o : SEEN.get(run + "/metrics")) {
      KV<String, MetricsResult> kv = (KV<String, MetricsResult>) o;
      assertEquals(null, out.put(kv.getKey(), kv.getValue()), "one result per key");
    }
    return out;
  }

  @Test
  void perBundlePreAggregationGivesTheMetricsOfTheWholeData() {
    List<LabeledPrediction> data = weighted(3000);
    MetricsSpec spec = MetricsSpec.defaults().withThresholds(List.of(0.3, 0.7));
    Map<String, MetricsResult> merged = runPipeline(data, spec, "exact");

    assertEquals(3, merged.size());
    for (String key : List.of("Overall", "even", "odd")) {
      List<LabeledPrediction> subset = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        if (key.equals("Overall") || key.equals(parity(i))) {
          subset.add(data.get(i));
        }
      }
      MetricsResult expected = BinaryMetrics.compute(subset, spec);
      MetricsResult actual = merged.get(key);
      assertEquals(expected.values().keySet(), actual.values().keySet(), key);
      for (String metric : expected.values().keySet()) {
        assertEquals(expected.values().get(metric), actual.values().get(metric), 1e-12, key + " " + metric);
      }
      assertEquals(expected.confusionMatrices(), actual.confusionMatrices(), key);
      assertEquals(expected.roc(), actual.roc(), key);
      assertEquals(expected.pr(), actual.pr(), key);
      assertEquals(expected.calibrationPlot().size(), actual.calibrationPlot().size(), key);
      for (int b = 0; b < expected.calibrationPlot().size(); b++) {
        MetricsResult.CalibrationBucket e = expected.calibrationPlot().get(b);
        MetricsResult.CalibrationBucket a = actual.calibrationPlot().get(b);
        assertEquals(e.weight(), a.weight(), key);
        assertEquals(e.meanPrediction(), a.meanPrediction(), 1e-12, key);
        assertEquals(e.meanLabel(), a.meanLabel(), 1e-12, key);
      }
      assertTrue(actual.confidenceIntervals().isEmpty());
    }
    assertEquals(3000L, merged.get("Overall").exampleCount());
    assertEquals(1500L, merged.get("even").exampleCount());
  }

  @Test
  void bootstrapOverBundlesMatchesTheSequentialBootstrap() {
    List<LabeledPrediction> data = BinaryMetricsTest.synthetic(6000, 4);
    MetricsSpec spec = MetricsSpec.defaults().withBootstrapSamples(40);
    MetricsResult merged = runPipeline(data, spec, "bootstrap").get("Overall");
    MetricsResult sequential = BinaryMetrics.compute(data, spec);

    // The point estimates do not depend on the draws; the intervals do, but not their width: bundles
    // that drew the same multiplicities (one seed for all) would widen them by about sqrt(bundles).
    assertEquals(sequential.values().get(MetricNames.AUC), merged.values().get(MetricNames.AUC), 1e-12);
    MetricsResult.ConfidenceInterval auc = merged.confidenceIntervals().get(MetricNames.AUC);
    double reference = sequential.confidenceIntervals().get(MetricNames.AUC).standardError();
    assertEquals(40, auc.samples());
    assertTrue(auc.lower() < merged.values().get(MetricNames.AUC) && merged.values().get(MetricNames.AUC) < auc.upper(),
        auc.toString());
    assertTrue(auc.standardError() > reference / 2 && auc.standardError() < reference * 2,
        auc.standardError() + " vs " + reference);
  }

  @Test
  void drainEmptiesTheBundleAndItsAccumulatorsAreReused() throws Exception {
    BundleMetrics<String> bundle = new BundleMetrics<>(MetricsSpec.defaults());
    bundle.add("a", LabeledPrediction.of(1, 0.9));
    bundle.add("b", LabeledPrediction.of(0, 0.2));
    bundle.add("a", LabeledPrediction.of(0, 0.4));
    assertEquals(2, bundle.keyCount());
    Map<String, byte[]> drained = bundle.drain();
    assertEquals(List.of("a", "b"), List.copyOf(drained.keySet()));
    assertEquals(0, bundle.keyCount());
    assertEquals(2L, BundleMetrics.mergeFn(MetricsSpec.defaults())
        .apply(List.of(drained.get("a"))).exampleCount());

    // The accumulators are reused after a drain: the next bundle's partial holds only its own examples,
    // and its sparse encoding from the tracked cells is the bytes a scanned (merged) accumulator gives.
    bundle.startBundle(2);
    List<LabeledPrediction> next = BinaryMetricsTest.synthetic(300, 8);
    next.forEach(p -> bundle.add("a", p));
    byte[] partial = bundle.drain().get("a");
    var fn = BinaryMetrics.combineFn(MetricsSpec.defaults());
    MetricsAccumulator scanned = fn.mergeAccumulators(List.of(fn.createAccumulator(),
        next.stream().reduce(fn.createAccumulator(), fn::addInput, (x, y) -> x)));
    assertEquals(List.of(partial.length), List.of(
        org.apache.beam.sdk.util.CoderUtils.encodeToByteArray(BinaryMetrics.accumulatorCoder(), scanned).length));
    assertTrue(java.util.Arrays.equals(partial,
        org.apache.beam.sdk.util.CoderUtils.encodeToByteArray(BinaryMetrics.accumulatorCoder(), scanned)));
    assertEquals(BinaryMetrics.compute(next, MetricsSpec.defaults()).values(),
        BundleMetrics.mergeFn(MetricsSpec.defaults()).apply(List.of(partial)).values());
  }
}
