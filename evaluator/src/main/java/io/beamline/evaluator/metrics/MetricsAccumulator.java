package io.beamline.evaluator.metrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The mergeable state behind every binary metric of one slice: counts and weighted sums, a
 * 10,000-bucket histogram of predictions split by label (for AUC and AUC-PR), exact weighted
 * confusion counts at each configured threshold, calibration plot sums, and optionally the same state
 * per histogram cell the sums a bootstrap replicate is drawn from, or the same state per jackknife group.
 *
 * <p>Empty case: no examples; every count and sum is zero and {@link BinaryMetrics} reports only the
 * counts. Merging adds element-wise into the first accumulator. Size: about 160 KB per slice (the two
 * histograms), 640 KB with bootstrap intervals (three more sums per cell, whatever the number of
 * replicates), 160 KB times (1 + groups) with jackknife intervals.
 */
public final class MetricsAccumulator implements SliceAccumulator {
  /** Prediction buckets of width 1e-4: AUC and AUC-PR from them are within 1e-3 of the exact values. */
  public static final int BUCKETS = 10_000;
  private static final double EPSILON = 1e-7; // Keras' clip for log loss, so p = 0 or 1 stays finite

  long count;
  double weight;
  double labelSum;
  double predictionSum;
  double logLossSum;
  final double[] positives;
  final double[] negatives;
  /** Per threshold: weighted TP, FP, TN, FN at index 4i .. 4i+3. */
  final double[] confusion;
  /** Per calibration bucket: weight, weighted prediction sum, weighted label sum at 3i .. 3i+2. */
  final double[] calibration;
  final double[] thresholds;
  /** Jackknife groups (each example in one); empty for the bootstrap, whose replicates are drawn at the end. */
  final MetricsAccumulator[] replicates;
  final Resampling resampling;
  /** Bootstrap replicates drawn from the cells when the metrics are computed; 0 without intervals. */
  final int bootstrapSamples;
  /**
   * Bootstrap only, per histogram cell (b for positives, BUCKETS + b for negatives): the number of
   * examples, their weighted prediction sum and weighted log-loss sum. With the cell weights in the
   * histograms these are what a replicate needs: see {@link BootstrapCells}. Empty arrays otherwise.
   */
  final double[] cellCounts;
  final double[] cellPredictions;
  final double[] cellLogLoss;
  /** Not state (not encoded, not compared): draws the multiplicities of the examples added here. */
  private final transient Replicates draws;
  static final long DEFAULT_SEED = Replicates.DEFAULT_SEED;
  /**
   * Not state either: the histogram cells first filled since creation or {@link #reset} (b for
   * positives, BUCKETS + b for negatives), so that encoding and resetting a small accumulator (one
   * bundle's slice) touch only those cells instead of 20,000; null once more than
   * {@link #TRACKED_CELLS} or after a merge or decode, when the histograms are scanned instead.
   */
  private transient int[] touched = new int[64];
  private transient int touchedCount;
  private static final int TRACKED_CELLS = 4096;

  MetricsAccumulator(MetricsSpec spec, boolean withReplicates) {
    this(spec.thresholds().stream().mapToDouble(Double::doubleValue).toArray(), spec.calibrationBuckets(),
        withReplicates ? spec.bootstrapSamples() : 0, spec.resampling());
  }

  MetricsAccumulator(double[] thresholds, int calibrationBuckets, int replicateCount, Resampling resampling) {
    this.thresholds = thresholds;
    this.resampling = resampling;
    this.draws = new Replicates(resampling, replicateCount);
    this.positives = new double[BUCKETS];
    this.negatives = new double[BUCKETS];
    this.confusion = new double[4 * thresholds.length];
    this.calibration = new double[3 * calibrationBuckets];
    boolean bootstrap = resampling == Resampling.BOOTSTRAP;
    this.bootstrapSamples = bootstrap ? replicateCount : 0;
    int cells = bootstrapSamples > 0 ? 2 * BUCKETS : 0;
    this.cellCounts = new double[cells];
    this.cellPredictions = new double[cells];
    this.cellLogLoss = new double[cells];
    this.replicates = new MetricsAccumulator[bootstrap ? 0 : replicateCount];
    for (int r = 0; r < replicates.length; r++) {
      replicates[r] = new MetricsAccumulator(thresholds, calibrationBuckets, 0, resampling);
    }
  }

  /** The replicate count of the spec: bootstrap samples or jackknife groups. */
  int replicateCount() {
    return bootstrapSamples + replicates.length;
  }

  @Override
  public void add(double label, float[] row, int offset, double weight) {
    add(label, row[offset], weight);
  }

  /**
   * Adds one example. With bootstrap intervals it also goes into its cell's sums, from which the
   * replicates are drawn at the end ({@link BootstrapCells}); with jackknife groups, into one group.
   */
  void add(double label, double prediction, double w) {
    double p = Math.min(Math.max(prediction, EPSILON), 1 - EPSILON);
    double logTerm = label * Math.log(p) + (1 - label) * Math.log(1 - p);
    int bucket = Math.min(BUCKETS - 1, (int) (prediction * BUCKETS));
    add(label, prediction, logTerm, bucket, w, 1);
    if (bootstrapSamples > 0) {
      int cell = label == 1.0 ? bucket : BUCKETS + bucket;
      cellCounts[cell] += 1;
      cellPredictions[cell] += w * prediction;
      cellLogLoss[cell] -= w * logTerm;
    }
    if (replicates.length > 0) {
      double[] times = draws.next();
      for (int r = 0; r < replicates.length; r++) {
        int k = (int) times[r];
        if (k > 0) {
          replicates[r].add(label, prediction, logTerm, bucket, w * k, k);
        }
      }
    }
  }

  private void add(double label, double prediction, double logTerm, int bucket, double w, int times) {
    count += times;
    weight += w;
    labelSum += w * label;
    predictionSum += w * prediction;
    logLossSum -= w * logTerm;
    boolean positive = label == 1.0;
    double[] histogram = positive ? positives : negatives;
    if (touched != null && histogram[bucket] == 0.0) {
      track(positive ? bucket : BUCKETS + bucket);
    }
    histogram[bucket] += w;
    for (int i = 0; i < thresholds.length; i++) {
      boolean predictedPositive = prediction > thresholds[i];
      int cell = positive ? (predictedPositive ? 0 : 3) : (predictedPositive ? 1 : 2);
      confusion[4 * i + cell] += w;
    }
    int calBuckets = calibration.length / 3;
    int cb = Math.min(calBuckets - 1, (int) (prediction * calBuckets));
    calibration[3 * cb] += w;
    calibration[3 * cb + 1] += w * prediction;
    calibration[3 * cb + 2] += w * label;
  }

  /**
   * Seeds the bootstrap draws of the examples added from now on. Partial accumulators (one per bundle)
   * need distinct seeds, or every bundle would give its i-th example the same multiplicities.
   */
  MetricsAccumulator withBootstrapSeed(long seed) {
    draws.seed(seed);
    return this;
  }

  @Override
  public void seedReplicates(long seed) {
    withBootstrapSeed(seed);
  }

  private void track(int cell) {
    if (touchedCount == touched.length) {
      if (touched.length >= TRACKED_CELLS) {
        touched = null;
        return;
      }
      touched = Arrays.copyOf(touched, 2 * touched.length);
    }
    touched[touchedCount++] = cell;
  }

  /** Stops tracking filled cells (the histograms were written otherwise than by {@link #add}). */
  void untrack() {
    touched = null;
    for (MetricsAccumulator r : replicates) {
      r.untrack();
    }
  }

  /**
   * The nonzero cells of {@code histogram} ({@link #positives} or {@link #negatives}) in ascending
   * order, or null when untracked (then the caller scans).
   */
  int[] nonZeroCells(double[] histogram) {
    if (touched == null) {
      return null;
    }
    int offset = histogram == positives ? 0 : BUCKETS;
    int[] cells = Arrays.stream(touched, 0, touchedCount)
        .filter(c -> c >= offset && c < offset + BUCKETS).map(c -> c - offset)
        .sorted().distinct().filter(b -> histogram[b] != 0.0).toArray();
    return cells;
  }

  /** Back to empty, reusing the arrays (a bundle's accumulators are reused by the next bundle). */
  @Override
  public void reset() {
    count = 0;
    weight = 0;
    labelSum = 0;
    predictionSum = 0;
    logLossSum = 0;
    if (touched == null) {
      Arrays.fill(positives, 0.0);
      Arrays.fill(negatives, 0.0);
      Arrays.fill(cellCounts, 0.0);
      Arrays.fill(cellPredictions, 0.0);
      Arrays.fill(cellLogLoss, 0.0);
      touched = new int[64];
    } else {
      for (int i = 0; i < touchedCount; i++) {
        int c = touched[i];
        (c < BUCKETS ? positives : negatives)[c % BUCKETS] = 0.0;
        if (bootstrapSamples > 0) {
          cellCounts[c] = 0.0;
          cellPredictions[c] = 0.0;
          cellLogLoss[c] = 0.0;
        }
      }
    }
    touchedCount = 0;
    Arrays.fill(confusion, 0.0);
    Arrays.fill(calibration, 0.0);
    for (MetricsAccumulator r : replicates) {
      r.reset();
    }
    draws.restart();
  }

  @Override
  public void merge(SliceAccumulator other) {
    merge((MetricsAccumulator) other);
  }

  /** Adds {@code other} into this one (the first argument of a merge), replicate by replicate. */
  void merge(MetricsAccumulator other) {
    if (!Arrays.equals(thresholds, other.thresholds) || calibration.length != other.calibration.length
        || replicates.length != other.replicates.length || resampling != other.resampling
        || bootstrapSamples != other.bootstrapSamples) {
      throw new IllegalArgumentException("Cannot merge metric accumulators of different specs");
    }
    touched = null; // other's cells are not tracked here; replicates are untracked by their own merge
    count += other.count;
    weight += other.weight;
    labelSum += other.labelSum;
    predictionSum += other.predictionSum;
    logLossSum += other.logLossSum;
    addInto(positives, other.positives);
    addInto(negatives, other.negatives);
    addInto(confusion, other.confusion);
    addInto(calibration, other.calibration);
    addInto(cellCounts, other.cellCounts);
    addInto(cellPredictions, other.cellPredictions);
    addInto(cellLogLoss, other.cellLogLoss);
    for (int r = 0; r < replicates.length; r++) {
      replicates[r].merge(other.replicates[r]);
    }
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    MetricsAccumulatorCoder.write(this, out);
  }

  @Override
  public void addEncoded(DataInputStream in) throws IOException {
    MetricsAccumulatorCoder.addInto(this, in);
    untrack();
  }

  @Override
  public MetricsResult result() {
    return MetricsComputer.compute(this);
  }

  private static void addInto(double[] into, double[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricsAccumulator a && count == a.count && weight == a.weight
        && labelSum == a.labelSum && predictionSum == a.predictionSum && logLossSum == a.logLossSum
        && Arrays.equals(positives, a.positives) && Arrays.equals(negatives, a.negatives)
        && Arrays.equals(confusion, a.confusion) && Arrays.equals(calibration, a.calibration)
        && Arrays.equals(thresholds, a.thresholds) && Arrays.equals(replicates, a.replicates)
        && resampling == a.resampling && bootstrapSamples == a.bootstrapSamples
        && Arrays.equals(cellCounts, a.cellCounts) && Arrays.equals(cellPredictions, a.cellPredictions)
        && Arrays.equals(cellLogLoss, a.cellLogLoss);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, weight, labelSum, Arrays.hashCode(positives), Arrays.hashCode(confusion));
  }

  @Override
  public String toString() {
    return "MetricsAccumulator{count=" + count + ", weight=" + weight + ", labelSum=" + labelSum
        + ", predictionSum=" + predictionSum + ", thresholds=" + Arrays.toString(thresholds)
        + ", replicates=" + replicateCount() + " " + resampling.configName() + "}";
  }

  /** Merges every accumulator into the first (Beam's rule for combiners); {@code empty} when there are none. */
  static MetricsAccumulator mergeAll(Iterable<MetricsAccumulator> accumulators,
      java.util.function.Supplier<MetricsAccumulator> empty) {
    MetricsAccumulator first = null;
    for (MetricsAccumulator a : accumulators) {
      if (first == null) {
        first = a;
      } else {
        first.merge(a);
      }
    }
    return first == null ? empty.get() : first;
  }
}
