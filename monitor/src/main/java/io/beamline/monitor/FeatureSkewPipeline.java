package io.beamline.monitor;

import io.beamline.core.component.Elements;
import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactUris;
import io.beamline.io.examples.Examples;
import io.beamline.io.examples.ExamplesIO;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * The Beam graph of feature skew, a hash-partitioned join: both splits' examples keyed by their
 * identifier features and spread over buckets by the key's hash -> one {@link GroupByKey} of buckets
 * -> per bucket, each identifier's examples paired and, with one example on each side, every feature
 * compared ({@link FeatureValues}) into the bucket's {@link SkewTally} -> the tallies merged, the
 * first N skewed pairs by identifier kept ({@link Top}) -> one writer of {@code feature_skew.json} and
 * {@code skew_pairs.jsonl}.
 *
 * <p>Why buckets rather than a {@code CoGroupByKey} on the identifier: the DirectRunner spends about
 * 2 ms per key of a GroupByKey, so 20,000 trips took minutes to join by key. Memory is bounded by one
 * bucket's serialized examples: the number of buckets grows with the input files' bytes
 * ({@link #buckets}: one per {@value #BUCKET_BYTES} bytes of payload files, at least
 * {@value #MIN_BUCKETS}), never the whole data set.
 */
final class FeatureSkewPipeline {
  static final String RESULT_FILE = "feature_skew.json";
  static final String PAIRS_FILE = "skew_pairs.jsonl";
  /** Payload bytes (gzip'd TFRecord or Parquet) per bucket: some tens of MB once read. */
  static final long BUCKET_BYTES = 8L << 20;
  static final int MIN_BUCKETS = 16;
  private static final TupleTag<KV<Integer, KV<String, byte[]>>> KEYED = new TupleTag<>() {};
  private static final TupleTag<Long> NO_ID = new TupleTag<>() {};
  private static final TupleTag<SkewTally> TALLIES = new TupleTag<>() {};
  private static final TupleTag<SkewPair> PAIRS = new TupleTag<>() {};
  private static final char TRAINING = 't';
  private static final char SERVING = 's';

  private FeatureSkewPipeline() {}

  /** Adds the join of {@code training}'s split with {@code serving}'s to {@code p}, writing to {@code outputUri}. */
  static void add(Pipeline p, String trainingUri, String trainingSplit, String servingUri, String servingSplit,
      ServingSkewParameters params, String outputUri) {
    int buckets = buckets(trainingUri, trainingSplit, servingUri, servingSplit);
    Side training = side(p, "Training", TRAINING, trainingUri, trainingSplit, params, buckets);
    Side serving = side(p, "Serving", SERVING, servingUri, servingSplit, params, buckets);
    Set<String> skipped = new TreeSet<>(params.identifierFeatures());
    skipped.addAll(params.ignoredFeatures());
    PCollectionTuple compared = PCollectionList.of(training.keyed).and(serving.keyed)
        .apply("BothSides", Flatten.pCollections())
        .apply("Buckets", GroupByKey.create())
        .apply("Compare", ParDo.of(new CompareFn(skipped, params.floatRoundDigits()))
            .withOutputTags(TALLIES, TupleTagList.of(PAIRS)));
    PCollection<SkewTally> tally = compared.get(TALLIES).setCoder(SkewTally.Coder.INSTANCE)
        .apply("MergeTallies", Combine.globally(new MergeTalliesFn()))
        .setCoder(SkewTally.Coder.INSTANCE);
    PCollection<SkewPair> pairs = compared.get(PAIRS).setCoder(SkewPair.Coder.INSTANCE);
    PCollectionView<Iterable<List<SkewPair>>> sample = (params.sampleSize() > 0
        ? pairs.apply("SamplePairs", Top.of(params.sampleSize(), new ByIdDescending()))
        : p.apply("NoPairs", Elements.of(List.of(), ListCoder.of(SkewPair.Coder.INSTANCE))))
        .apply("SampleView", View.asIterable());
    tally.apply("Write", ParDo.of(new WriteFn(outputUri, params, training.count, training.noId, serving.count,
            serving.noId, sample))
        .withSideInputs(training.count, training.noId, serving.count, serving.noId, sample));
  }

  /** One bucket per {@link #BUCKET_BYTES} of both sides' payload files, at least {@link #MIN_BUCKETS}. */
  static int buckets(String trainingUri, String trainingSplit, String servingUri, String servingSplit) {
    long bytes = 0;
    List<String> files = new ArrayList<>(Examples.payloadFileUris(trainingUri, trainingSplit));
    files.addAll(Examples.payloadFileUris(servingUri, servingSplit));
    for (String file : files) {
      try {
        bytes += FileSystems.matchSingleFileSpec(file).sizeBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot size " + file, e);
      }
    }
    return (int) Math.max(MIN_BUCKETS, Math.min(1 << 20, bytes / BUCKET_BYTES + 1));
  }

  private record Side(PCollection<KV<Integer, KV<String, byte[]>>> keyed, PCollectionView<Long> count,
      PCollectionView<Long> noId) {}

  private static Side side(Pipeline p, String name, char side, String uri, String split, ServingSkewParameters params,
      int buckets) {
    PCollection<Example> examples = p.apply("Read" + name, ExamplesIO.readExamples(uri, split));
    PCollectionTuple keyed = examples.apply("Key" + name,
        ParDo.of(new KeyFn(side, params.identifierFeatures(), params.floatRoundDigits(), buckets))
            .withOutputTags(KEYED, TupleTagList.of(NO_ID)));
    PCollectionView<Long> count = examples.apply("Count" + name, Count.globally())
        .apply("CountView" + name, View.asSingleton());
    PCollectionView<Long> noId = keyed.get(NO_ID).setCoder(VarLongCoder.of())
        .apply("SumNoId" + name, Sum.longsGlobally())
        .apply("NoIdView" + name, View.asSingleton());
    return new Side(keyed.get(KEYED).setCoder(KvCoder.of(VarIntCoder.of(),
        KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()))), count, noId);
  }

  /**
   * Keys an example by its identifier features' values (the key text, prefixed by the side) in the
   * bucket of its hash; one missing or empty identifier: counted, not joined.
   */
  static final class KeyFn extends DoFn<Example, KV<Integer, KV<String, byte[]>>> {
    private final char side;
    private final List<String> identifiers;
    private final int roundDigits;
    private final int buckets;

    KeyFn(char side, List<String> identifiers, int roundDigits, int buckets) {
      this.side = side;
      this.identifiers = List.copyOf(identifiers);
      this.roundDigits = roundDigits;
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element Example e, MultiOutputReceiver out) {
      String id = FeatureValues.joinKey(e.getFeatures().getFeatureMap(), identifiers, roundDigits);
      if (id == null) {
        out.get(NO_ID).output(1L);
        return;
      }
      int h = id.hashCode() * 0x9E3779B9; // String.hashCode is fixed by its spec, so buckets agree across JVMs
      out.get(KEYED).output(KV.of(Math.floorMod(h ^ (h >>> 16), buckets), KV.of(side + id, e.toByteArray())));
    }
  }

  /** Pairs each bucket's identifiers and compares each pair; one tally per bucket, skewed pairs as samples. */
  static final class CompareFn extends DoFn<KV<Integer, Iterable<KV<String, byte[]>>>, SkewTally> {
    private final Set<String> skipped;
    private final int roundDigits;

    CompareFn(Set<String> skipped, int roundDigits) {
      this.skipped = Set.copyOf(skipped);
      this.roundDigits = roundDigits;
    }

    /** One identifier's examples in a bucket: how many on each side, and the first of each. */
    private static final class Sides {
      int training;
      int serving;
      byte[] firstTraining;
      byte[] firstServing;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, byte[]>>> bucket, MultiOutputReceiver out)
        throws IOException {
      Map<String, Sides> ids = new HashMap<>();
      for (KV<String, byte[]> e : bucket.getValue()) {
        Sides s = ids.computeIfAbsent(e.getKey().substring(1), k -> new Sides());
        if (e.getKey().charAt(0) == TRAINING) {
          s.firstTraining = s.training++ == 0 ? e.getValue() : null;
        } else {
          s.firstServing = s.serving++ == 0 ? e.getValue() : null;
        }
      }
      SkewTally tally = new SkewTally();
      for (Map.Entry<String, Sides> id : ids.entrySet()) {
        Sides s = id.getValue();
        if (s.serving == 0) {
          tally.idsOnlyInTraining++;
        } else if (s.training == 0) {
          tally.idsOnlyInServing++;
        } else if (s.training > 1 || s.serving > 1) {
          tally.duplicateIds++;
        } else {
          SkewPair pair = compare(id.getKey(), Example.parseFrom(s.firstTraining), Example.parseFrom(s.firstServing),
              tally);
          if (pair != null) {
            out.get(PAIRS).output(pair);
          }
        }
      }
      out.get(TALLIES).output(tally);
    }

    /** Counts one pair into {@code tally}; the pair as a sample when it disagrees on any feature, else null. */
    private SkewPair compare(String id, Example training, Example serving, SkewTally tally) {
      tally.pairs++;
      Map<String, Feature> t = training.getFeatures().getFeatureMap();
      Map<String, Feature> s = serving.getFeatures().getFeatureMap();
      TreeSet<String> names = new TreeSet<>(t.keySet());
      names.addAll(s.keySet());
      names.removeAll(skipped);
      List<String> mismatched = new ArrayList<>();
      List<String> trainingOnly = new ArrayList<>();
      List<String> servingOnly = new ArrayList<>();
      for (String name : names) {
        Feature a = t.get(name);
        Feature b = s.get(name);
        boolean hasA = FeatureValues.size(a) > 0;
        boolean hasB = FeatureValues.size(b) > 0;
        if (hasA && hasB) {
          boolean same = FeatureValues.same(a, b, roundDigits);
          tally.count(name, SkewTally.TRAINING_COUNT, SkewTally.SERVING_COUNT, same ? SkewTally.MATCH : SkewTally.MISMATCH);
          if (!same) {
            mismatched.add(name);
          }
        } else if (hasA) {
          tally.count(name, SkewTally.TRAINING_COUNT, SkewTally.TRAINING_ONLY);
          trainingOnly.add(name);
        } else if (hasB) {
          tally.count(name, SkewTally.SERVING_COUNT, SkewTally.SERVING_ONLY);
          servingOnly.add(name);
        } else {
          tally.count(name, SkewTally.MATCH); // present with no values on both sides
        }
      }
      if (mismatched.isEmpty() && trainingOnly.isEmpty() && servingOnly.isEmpty()) {
        return null;
      }
      tally.skewedPairs++;
      return new SkewPair(FeatureValues.readableKey(id), mismatched, trainingOnly, servingOnly, values(t, names), values(s, names));
    }

    private static Map<String, List<String>> values(Map<String, Feature> features, Set<String> names) {
      Map<String, List<String>> out = new TreeMap<>();
      for (String name : names) {
        if (features.containsKey(name)) {
          out.put(name, FeatureValues.text(features.get(name)));
        }
      }
      return out;
    }

  }

  static final class MergeTalliesFn extends Combine.CombineFn<SkewTally, SkewTally, SkewTally> {
    @Override
    public SkewTally createAccumulator() {
      return new SkewTally();
    }

    @Override
    public SkewTally addInput(SkewTally acc, SkewTally in) {
      return acc.merge(in);
    }

    @Override
    public SkewTally mergeAccumulators(Iterable<SkewTally> accs) {
      SkewTally out = new SkewTally();
      accs.forEach(out::merge);
      return out;
    }

    @Override
    public SkewTally extractOutput(SkewTally acc) {
      return acc;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<SkewTally> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry, org.apache.beam.sdk.coders.Coder<SkewTally> input) {
      return SkewTally.Coder.INSTANCE;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<SkewTally> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry, org.apache.beam.sdk.coders.Coder<SkewTally> input) {
      return SkewTally.Coder.INSTANCE;
    }
  }

  /** {@link Top} keeps the greatest: ordering by identifier descending keeps the smallest identifiers. */
  static final class ByIdDescending implements Comparator<SkewPair>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(SkewPair a, SkewPair b) {
      return b.id().compareTo(a.id());
    }
  }

  /** Writes the result and the sample once every count is in. */
  static final class WriteFn extends DoFn<SkewTally, Void> {
    private final String outputUri;
    private final List<String> identifiers;
    private final int roundDigits;
    private final PCollectionView<Long> trainingCount;
    private final PCollectionView<Long> trainingNoId;
    private final PCollectionView<Long> servingCount;
    private final PCollectionView<Long> servingNoId;
    private final PCollectionView<Iterable<List<SkewPair>>> sample;

    WriteFn(String outputUri, ServingSkewParameters params, PCollectionView<Long> trainingCount,
        PCollectionView<Long> trainingNoId, PCollectionView<Long> servingCount, PCollectionView<Long> servingNoId,
        PCollectionView<Iterable<List<SkewPair>>> sample) {
      this.outputUri = outputUri;
      this.identifiers = List.copyOf(params.identifierFeatures());
      this.roundDigits = params.floatRoundDigits();
      this.trainingCount = trainingCount;
      this.trainingNoId = trainingNoId;
      this.servingCount = servingCount;
      this.servingNoId = servingNoId;
      this.sample = sample;
    }

    @ProcessElement
    public void process(@Element SkewTally tally, ProcessContext c) {
      JoinCounts join = new JoinCounts(c.sideInput(trainingCount), c.sideInput(servingCount),
          c.sideInput(trainingNoId), c.sideInput(servingNoId), tally.pairs, tally.idsOnlyInTraining,
          tally.idsOnlyInServing, tally.duplicateIds, tally.skewedPairs);
      FeatureSkew result = new FeatureSkew(identifiers, roundDigits, join, tally.features());
      List<SkewPair> pairs = new ArrayList<>();
      c.sideInput(sample).forEach(pairs::addAll);
      pairs.sort(Comparator.comparing(SkewPair::id));
      StringBuilder lines = new StringBuilder();
      pairs.forEach(pair -> lines.append(Json.write(pair)).append('\n'));
      TextFiles.write(ArtifactUris.child(outputUri, RESULT_FILE), Json.writePretty(result), "application/json");
      TextFiles.write(ArtifactUris.child(outputUri, PAIRS_FILE), lines.toString(), "text/plain");
    }
  }
}
