package io.beamline.evaluator.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Pre-aggregation of predictions inside a DoFn: one {@link MetricsAccumulator} per key (slice) for the
 * bundle, drained once at the end of the bundle as encoded partial accumulators, which
 * {@link #mergePerKey} then merges per key into the final metrics.
 *
 * <p>Why: one element per (slice, example) made the Evaluator's memory grow with the data (the
 * DirectRunner holds each bundle's output, and its per-bundle partial combines of {@code
 * Combine.perKey} hold dense accumulators). Pre-aggregated, only (bundles x keys) compact elements
 * reach the GroupByKey.
 *
 * <p>Why encoded bytes rather than accumulators: such a runner holds the decoded values, and a decoded
 * accumulator is dense (about 160 KB, times 1 + bootstrap replicates), while the coder writes the
 * histograms sparsely (a bundle of a hundred examples fills at most a hundred buckets per label).
 *
 * <pre>{@code
 * BundleMetrics<String> bundle = new BundleMetrics<>(spec);         // in @Setup
 * bundle.startBundle(seed);                                          // per bundle
 * bundle.add("Overall", prediction);                                 // per scored example and slice
 * bundle.drain().forEach((slice, partial) -> out(KV.of(slice, partial)));  // in @FinishBundle
 * partials.apply(BundleMetrics.mergePerKey(spec));                   // KV<slice, MetricsResult>
 * }</pre>
 *
 * @param <K> the key, e.g. a slice name; must have value equality
 */
public final class BundleMetrics<K> {
  private final MetricsSpec spec;
  /** Kept across bundles and reset after each drain: allocating 160 KB per slice and bundle cost more than the adds. */
  private final Map<K, Slot> byKey = new HashMap<>();
  /** The keys added to since the last drain, in first-seen order. */
  private final List<K> active = new ArrayList<>();
  private SplittableRandom seeds;

  public BundleMetrics(MetricsSpec spec) {
    this.spec = spec;
    startBundle(MetricsAccumulator.DEFAULT_SEED);
  }

  /**
   * Seeds the bootstrap draws of the examples added until the next drain (each key gets its own
   * stream from it); give each bundle a different seed, e.g. from its first example, so that bundles
   * draw independent multiplicities.
   */
  public void startBundle(long bootstrapSeed) {
    seeds = new SplittableRandom(bootstrapSeed);
  }

  /** Adds one scored example of a binary spec to its key's accumulator. */
  public void add(K key, LabeledPrediction p) {
    ((MetricsAccumulator) accumulator(key)).add(p.label(), p.prediction(), p.weight());
  }

  /**
   * Adds one scored example of any task: {@code row} from {@code offset} holds its prediction (one
   * value, or one probability per class for a multiclass spec). The caller has checked the values (a
   * class id within the classes, probabilities in [0, 1]).
   */
  public void add(K key, double label, float[] row, int offset, double weight) {
    accumulator(key).add(label, row, offset, weight);
  }

  /** One hash lookup per add (a key's hash, e.g. a record's, is computed anew each time). */
  private SliceAccumulator accumulator(K key) {
    Slot slot = byKey.get(key);
    if (slot == null) {
      slot = new Slot(SliceAccumulator.create(spec));
      byKey.put(key, slot);
    }
    if (!slot.active) {
      slot.active = true;
      active.add(key);
      slot.accumulator.seedReplicates(seeds.nextLong());
    }
    return slot.accumulator;
  }

  /** A key's accumulator, and whether it was added to since the last drain. */
  private static final class Slot {
    final SliceAccumulator accumulator;
    boolean active;

    Slot(SliceAccumulator accumulator) {
      this.accumulator = accumulator;
    }
  }

  /** The number of keys added to since the last drain. */
  public int keyCount() {
    return active.size();
  }

  /** The encoded partial accumulator of every key added to since the last drain, in first-seen order; then empty. */
  public Map<K, byte[]> drain() {
    Map<K, byte[]> out = new LinkedHashMap<>();
    for (K key : active) {
      Slot slot = byKey.get(key);
      out.put(key, encode(slot.accumulator));
      slot.accumulator.reset();
      slot.active = false;
    }
    active.clear();
    return out;
  }

  /**
   * Merges the partial accumulators of each key (from {@link #drain}) and computes its metrics: a
   * GroupByKey of the encoded partials, then one merge per key. Not {@code Combine.perKey}: the
   * DirectRunner lifts it into per-bundle partial combines whose accumulators (dense, 160 KB each)
   * its GroupByKey then holds, and copies, all at once.
   */
  public static <K> PTransform<PCollection<KV<K, byte[]>>, PCollection<KV<K, MetricsResult>>> mergePerKey(
      MetricsSpec spec) {
    return new MergePerKey<>(spec);
  }

  private static final class MergePerKey<K>
      extends PTransform<PCollection<KV<K, byte[]>>, PCollection<KV<K, MetricsResult>>> {
    private final MetricsSpec spec;

    MergePerKey(MetricsSpec spec) {
      this.spec = spec;
    }

    @Override
    public PCollection<KV<K, MetricsResult>> expand(PCollection<KV<K, byte[]>> partials) {
      Coder<K> keyCoder = ((KvCoder<K, byte[]>) partials.getCoder()).getKeyCoder();
      return partials.apply("GroupPartials", GroupByKey.create())
          .apply("MergePartials", ParDo.of(new MergeDoFn<K>(spec)))
          .setCoder(KvCoder.of(keyCoder, SerializableCoder.of(MetricsResult.class)));
    }
  }

  private static final class MergeDoFn<K> extends DoFn<KV<K, Iterable<byte[]>>, KV<K, MetricsResult>> {
    private final MetricsSpec spec;

    MergeDoFn(MetricsSpec spec) {
      this.spec = spec;
    }

    @ProcessElement
    public void process(@Element KV<K, Iterable<byte[]>> group, OutputReceiver<KV<K, MetricsResult>> out) {
      SliceAccumulator a = SliceAccumulator.create(spec);
      for (byte[] partial : group.getValue()) {
        mergeEncoded(a, partial);
      }
      out.output(KV.of(group.getKey(), a.result()));
    }
  }

  /** The combine function behind {@link #mergePerKey}, for direct use. */
  public static Combine.CombineFn<byte[], MetricsAccumulator, MetricsResult> mergeFn(MetricsSpec spec) {
    return new MergeFn(spec);
  }

  private static byte[] encode(SliceAccumulator a) {
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
      a.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot encode a metrics accumulator", e);
    }
  }

  /**
   * Decodes {@code encoded} into {@code into} without materializing it: a decoded accumulator is
   * dense (160 KB times 1 + replicates for a binary one) while a bundle's partial holds a few cells.
   */
  static void mergeEncoded(SliceAccumulator into, byte[] encoded) {
    try {
      into.addEncoded(new java.io.DataInputStream(new java.io.ByteArrayInputStream(encoded)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot decode a partial metrics accumulator", e);
    }
  }

  /** Input: an encoded partial accumulator; adding it merges it into the running accumulator. */
  private static final class MergeFn extends Combine.CombineFn<byte[], MetricsAccumulator, MetricsResult> {
    private final MetricsSpec spec;

    MergeFn(MetricsSpec spec) {
      this.spec = spec;
    }

    @Override
    public MetricsAccumulator createAccumulator() {
      return new MetricsAccumulator(spec, true);
    }

    @Override
    public MetricsAccumulator addInput(MetricsAccumulator a, byte[] partial) {
      MetricsAccumulatorCoder.mergeEncoded(a, partial);
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
    public Coder<MetricsAccumulator> getAccumulatorCoder(CoderRegistry registry, Coder<byte[]> input)
        throws CannotProvideCoderException {
      return MetricsAccumulatorCoder.of();
    }

    @Override
    public Coder<MetricsResult> getDefaultOutputCoder(CoderRegistry registry, Coder<byte[]> input) {
      return SerializableCoder.of(MetricsResult.class);
    }
  }
}
