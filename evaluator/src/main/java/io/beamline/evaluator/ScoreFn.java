package io.beamline.evaluator;

import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.evaluator.metrics.BundleMetrics;
import io.beamline.evaluator.metrics.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.tensorflow.proto.Example;

/**
 * Reading and inference fused: for one payload file of the split (the element is its URI), streams
 * its records, fills a batch of {@code batchSize} serialized examples, scores it with the candidate
 * (and the baseline) in one session call each, and adds each (label, prediction, weight) to the
 * accumulator of its (model, slice); when the file is done it emits one encoded partial accumulator
 * per (model, slice), for {@link BundleMetrics#mergePerKey}.
 *
 * <p>Why fused: as separate steps (read, parse, score) the DirectRunner, which neither fuses steps
 * nor applies backpressure, let reading run ahead of the slow scoring step and held the parsed
 * examples of every pending bundle (hundreds of MB on 500k examples). Here no per-example
 * PCollection exists: memory is one batch per worker thread plus the small accumulators, whatever
 * the split size.
 *
 * <p>Why per file is enough parallelism: ExampleGen writes a split as many files (one per bundle it
 * wrote), and the runner scores different files on different threads. Splitting one file into
 * record ranges would need an index of record offsets, and a gzip'd file can only be read from its
 * start anyway.
 *
 * <p>Why the partials are emitted per file rather than per bundle: the seed of a file's per-example
 * draws (jackknife groups, multiclass and regression bootstrap) comes from its name, so the intervals
 * are the same however the runner groups files into bundles (binary bootstrap replicates and the
 * point metrics never depend on it).
 *
 * <p>Models are taken in {@code @Setup}, reused across files and given back in {@code @Teardown}:
 * loading costs seconds, and the DoFn instances of one JVM share one copy ({@link LoadedModels}).
 */
final class ScoreFn extends DoFn<String, KV<KV<String, String>, byte[]>> {
  static final String CANDIDATE = "candidate";
  static final String BASELINE = "baseline";

  private final String candidateUri;
  private final String baselineUri;
  private final EvaluatorParameters config;
  private final String source;
  /** The buckets of quantile slicing specs, by {@link SliceKeys#bucketKey}. */
  private final Map<String, QuantileBuckets> buckets;
  private transient SavedModelScorer candidate;
  private transient SavedModelScorer baseline;
  /** Reused across files (its accumulators are reset after each drain). */
  private transient BundleMetrics<ModelSlice> metrics;
  private transient Batch batch;
  private transient Labels labels;
  /** The features read from each example; null: all of them (a model fed feature tensors). */
  private transient FeatureSubset readFeatures;

  ScoreFn(String candidateUri, String baselineUri, EvaluatorParameters config, String source,
      Map<String, QuantileBuckets> buckets) {
    this.buckets = Map.copyOf(buckets);
    this.candidateUri = candidateUri;
    this.baselineUri = baselineUri;
    this.config = config;
    this.source = source;
  }

  @Setup
  public void setup() {
    try {
      candidate = SavedModelScorer.load(candidateUri, config.model());
      if (baselineUri != null) {
        baseline = loadBaseline();
      }
    } catch (LinkageError e) {
      // A worker of a cluster without TensorFlow: the job ships Beamline's jars but not TensorFlow's
      // native library (160 MB, and loaded once per process), which the cluster must hold itself.
      // Not chained: a cluster reports a failure's innermost cause, and this is the one to read.
      throw new BeamlineException("TensorFlow cannot be loaded on this worker (" + e
          + "): a cluster that runs the Evaluator needs TensorFlow Java and its natives on its workers' class"
          + " path (the runner module's target/model-runtime jars; on Flink also loaded parent-first,"
          + " see runner-flink/README.md)");
    }
    metrics = new BundleMetrics<>(config.metricsSpec());
    batch = new Batch(config.batchSize());
    labels = new Labels(config, source);
    readFeatures = takesFeatures() ? null : FeatureSubset.of(metricFeatures());
  }

  /** The baseline; the candidate is given back if it fails (Beam does not tear down a DoFn whose setup failed). */
  private SavedModelScorer loadBaseline() {
    try {
      return SavedModelScorer.load(baselineUri, config.model());
    } catch (RuntimeException | Error e) {
      candidate.close();
      throw e;
    }
  }

  private boolean takesFeatures() {
    return candidate.takesFeatures() || (baseline != null && baseline.takesFeatures());
  }

  /** What the metrics read from an example: the label, the weight, every slicing feature. */
  private List<String> metricFeatures() {
    List<String> names = new ArrayList<>();
    names.add(config.labelKey());
    names.add(config.weightKey());
    config.slicingSpecs().forEach(spec -> names.addAll(spec.features()));
    return names;
  }

  @ProcessElement
  public void process(@Element String fileUri, OutputReceiver<KV<KV<String, String>, byte[]>> out) {
    metrics.startBundle(seed(fileUri));
    batch.clear();
    try (CloseableIterator<PayloadRecords.ExampleRecord> records = PayloadRecords.open(fileUri, readFeatures)) {
      while (records.hasNext()) {
        PayloadRecords.ExampleRecord record = records.next();
        try {
          add(record.serialized(), record.example(), record.index());
        } catch (InvalidInputException e) {
          throw inRecord(e, record.index(), fileUri);
        }
        if (batch.size() >= config.batchSize()) {
          flush(fileUri);
        }
      }
    }
    flush(fileUri);
    metrics.drain().forEach((key, partial) -> out.output(KV.of(KV.of(key.model(), key.slice()), partial)));
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

  /**
   * The bootstrap seed of a file's draws: from its name (shard names differ within a split), so it is
   * the same on every run and every JVM, and different files draw independent multiplicities.
   */
  static long seed(String fileUri) {
    String name = fileUri.substring(fileUri.lastIndexOf('/') + 1);
    return 31L * name.hashCode() + name.length();
  }

  private void add(byte[] serialized, Example example, long index) {
    double label = labels.read(example);
    double weight = config.weightKey() == null ? 1.0 : SliceKeys.number(example, config.weightKey(), "Weight", source);
    batch.add(serialized, takesFeatures() ? example : null,
        label, weight, SliceKeys.of(example, config.slicingSpecs(), buckets), index);
  }

  private void flush(String fileUri) {
    if (batch.size() == 0) {
      return;
    }
    accumulate(CANDIDATE, candidate.score(batch.serialized, batch.examples, batch.indexes), fileUri);
    if (baseline != null) {
      accumulate(BASELINE, baseline.score(batch.serialized, batch.examples, batch.indexes), fileUri);
    }
    batch.clear();
  }

  private void accumulate(String model, SavedModelScorer.Scores scores, String fileUri) {
    int n = batch.size();
    int offsetStep = scores.columns();
    int column = config.task() == Task.BINARY && config.model().classIndex() != null ? config.model().classIndex() : 0;
    for (int i = 0; i < n; i++) {
      int offset = i * offsetStep + column;
      try {
        labels.checkPrediction(scores.values(), offset, scores.columns(), batch.labels[i], batch.weights[i]);
      } catch (InvalidInputException e) {
        throw inRecord(new InvalidInputException("In " + source + " scored by the " + model + " model: "
            + e.getMessage() + " (label_key '" + config.labelKey() + "')", e), batch.indexes[i], fileUri);
      }
      for (String slice : batch.slices.get(i)) {
        metrics.add(new ModelSlice(model, slice), batch.labels[i], scores.values(), offset, batch.weights[i]);
      }
    }
  }

  /**
   * An accumulator's key inside the DoFn; emitted as {@code KV(model, slice)}. A record because Beam's
   * {@code KV} hashes through {@code Arrays.deepHashCode} of a new array, on every example and slice.
   */
  private record ModelSlice(String model, String slice) {}

  /** The error with the file and record it comes from appended. */
  private static InvalidInputException inRecord(InvalidInputException e, long index, String fileUri) {
    return new InvalidInputException(e.getMessage() + " (record " + index + " of file " + fileUri + ")", e);
  }

  /** The examples waiting for their model call: serialized for the model, and what the metrics need. */
  private static final class Batch {
    final List<byte[]> serialized;
    /** The parsed examples, for models fed feature tensors; else nulls. */
    final List<Example> examples;
    final double[] labels;
    final double[] weights;
    final long[] indexes;
    final List<List<String>> slices;

    Batch(int capacity) {
      serialized = new ArrayList<>(capacity);
      examples = new ArrayList<>(capacity);
      labels = new double[capacity];
      weights = new double[capacity];
      indexes = new long[capacity];
      slices = new ArrayList<>(capacity);
    }

    int size() {
      return serialized.size();
    }

    void add(byte[] bytes, Example example, double label, double weight, List<String> exampleSlices, long index) {
      int i = serialized.size();
      examples.add(example);
      labels[i] = label;
      weights[i] = weight;
      indexes[i] = index;
      serialized.add(bytes);
      slices.add(exampleSlices);
    }

    void clear() {
      serialized.clear();
      examples.clear();
      slices.clear();
    }
  }
}
