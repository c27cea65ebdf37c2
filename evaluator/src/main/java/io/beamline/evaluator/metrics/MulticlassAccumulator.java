package io.beamline.evaluator.metrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The mergeable state behind the multiclass metrics of one slice, for K classes: the weighted K x K
 * confusion matrix (actual by arg-max predicted class), the weight by rank of the true class among
 * the predicted probabilities (top-k accuracy for every k), the categorical log loss, and per class a
 * one-vs-rest histogram of its probability split by whether the example is of that class (AUC).
 *
 * <p>The histograms have {@link #BUCKETS} buckets per class, fewer than the binary ones' 10,000 since
 * there are K pairs of them (and K pairs per replicate): a one-vs-rest AUC from them is within about
 * 1e-3 of the exact value on smooth score distributions. Size: 16 K (K + 2,000) bytes, times
 * 1 + replicates. Empty case: no examples, only the counts are reported. Merging adds element-wise.
 */
final class MulticlassAccumulator implements SliceAccumulator {
  static final int BUCKETS = 1_000;
  private static final double EPSILON = 1e-7; // as the binary log loss: p = 0 stays finite

  final int classes;
  final List<String> classNames;
  final Resampling resampling;
  long count;
  double weight;
  double logLossSum;
  /** [actual * K + predicted]. */
  final double[] confusion;
  /** [r]: the weight of examples whose true class had rank r (0 = the highest probability). */
  final double[] rankWeight;
  /** [c * BUCKETS + b]: weight of examples of class c (positives) or not (negatives) whose p_c falls in b. */
  final double[] positives;
  final double[] negatives;
  final MulticlassAccumulator[] replicates;
  private final transient Replicates draws;
  /** Scratch: the histogram cell of each class's probability for the example being added. */
  private final transient int[] cells;
  /**
   * [cell * replicates + r]: replicate r's histogram weight not yet moved into replicates[r] (see
   * {@link #flushReplicates}); null when nothing is pending.
   */
  private transient double[] pendingPositives;
  private transient double[] pendingNegatives;

  MulticlassAccumulator(MetricsSpec spec, int replicateCount) {
    this(spec.classNames(), replicateCount, spec.resampling());
  }

  private MulticlassAccumulator(List<String> classNames, int replicateCount, Resampling resampling) {
    this.classNames = classNames;
    this.classes = classNames.size();
    this.resampling = resampling;
    this.confusion = new double[classes * classes];
    this.rankWeight = new double[classes];
    this.positives = new double[classes * BUCKETS];
    this.negatives = new double[classes * BUCKETS];
    this.replicates = new MulticlassAccumulator[replicateCount];
    for (int r = 0; r < replicateCount; r++) {
      replicates[r] = new MulticlassAccumulator(classNames, 0, resampling);
    }
    this.draws = new Replicates(resampling, replicateCount);
    this.cells = new int[classes];
  }

  MulticlassAccumulator emptyWithoutReplicates() {
    return new MulticlassAccumulator(classNames, 0, resampling);
  }

  @Override
  public void add(double label, float[] row, int offset, double w) {
    int actual = (int) label;
    int predicted = offset;
    for (int c = offset + 1; c < offset + classes; c++) {
      if (row[c] > row[predicted]) {
        predicted = c;
      }
    }
    predicted -= offset;
    float pTrue = row[offset + actual];
    int rank = 0;
    for (int c = 0; c < classes; c++) {
      float p = row[offset + c];
      if (p > pTrue || (p == pTrue && c < actual)) {
        rank++;
      }
    }
    double logTerm = Math.log(Math.min(Math.max(pTrue, EPSILON), 1 - EPSILON));
    // Each class's histogram cell once per example, not once per replicate that takes it.
    for (int c = 0; c < classes; c++) {
      cells[c] = c * BUCKETS + Math.min(BUCKETS - 1, (int) (row[offset + c] * BUCKETS));
    }
    addScalars(actual, predicted, rank, logTerm, w, 1);
    addToHistograms(actual, w);
    if (replicates.length > 0) {
      int[] times = draws.next();
      int n = replicates.length;
      for (int r = 0; r < n; r++) {
        if (times[r] > 0) {
          replicates[r].addScalars(actual, predicted, rank, logTerm, w * times[r], times[r]);
        }
      }
      if (pendingPositives == null) {
        pendingPositives = new double[classes * BUCKETS * n];
        pendingNegatives = new double[classes * BUCKETS * n];
      }
      // Every replicate's share of a cell side by side: a few cache lines per class, not one per
      // replicate. A replicate that skips the example adds 0 (weights are never negative: exact).
      for (int c = 0; c < classes; c++) {
        double[] into = c == actual ? pendingPositives : pendingNegatives;
        int base = cells[c] * n;
        for (int r = 0; r < n; r++) {
          into[base + r] += w * times[r];
        }
      }
    }
  }

  /**
   * Moves the replicates' pending histogram weights into each replicate's own histograms; every
   * method that reads, writes, merges or compares replicates calls it first.
   */
  private void flushReplicates() {
    if (pendingPositives == null) {
      return;
    }
    int n = replicates.length;
    for (int cell = 0; cell < classes * BUCKETS; cell++) {
      int base = cell * n;
      for (int r = 0; r < n; r++) {
        replicates[r].positives[cell] += pendingPositives[base + r];
        replicates[r].negatives[cell] += pendingNegatives[base + r];
      }
    }
    pendingPositives = null;
    pendingNegatives = null;
  }

  private void addScalars(int actual, int predicted, int rank, double logTerm, double w, int times) {
    count += times;
    weight += w;
    logLossSum -= w * logTerm;
    confusion[actual * classes + predicted] += w;
    rankWeight[rank] += w;
  }

  private void addToHistograms(int actual, double w) {
    // The true class's cell is a positive, every other class's a negative; no branch per class.
    for (int c = 0; c < actual; c++) {
      negatives[cells[c]] += w;
    }
    positives[cells[actual]] += w;
    for (int c = actual + 1; c < classes; c++) {
      negatives[cells[c]] += w;
    }
  }

  @Override
  public void merge(SliceAccumulator other) {
    MulticlassAccumulator o = (MulticlassAccumulator) other;
    if (!classNames.equals(o.classNames) || replicates.length != o.replicates.length || resampling != o.resampling) {
      throw new IllegalArgumentException("Cannot merge multiclass accumulators of different specs");
    }
    flushReplicates();
    o.flushReplicates();
    count += o.count;
    weight += o.weight;
    logLossSum += o.logLossSum;
    addInto(confusion, o.confusion);
    addInto(rankWeight, o.rankWeight);
    addInto(positives, o.positives);
    addInto(negatives, o.negatives);
    for (int r = 0; r < replicates.length; r++) {
      replicates[r].merge(o.replicates[r]);
    }
  }

  @Override
  public void reset() {
    pendingPositives = null;
    pendingNegatives = null;
    count = 0;
    weight = 0;
    logLossSum = 0;
    Arrays.fill(confusion, 0);
    Arrays.fill(rankWeight, 0);
    Arrays.fill(positives, 0);
    Arrays.fill(negatives, 0);
    for (MulticlassAccumulator r : replicates) {
      r.reset();
    }
    draws.restart();
  }

  @Override
  public void seedReplicates(long seed) {
    draws.seed(seed);
  }

  @Override
  public long count() {
    return count;
  }

  /** Layout: count, weight, log loss, dense confusion and ranks, sparse histograms, then each replicate. */
  @Override
  public void write(DataOutputStream out) throws IOException {
    flushReplicates();
    out.writeInt(classes);
    out.writeInt(replicates.length);
    out.writeLong(count);
    out.writeDouble(weight);
    out.writeDouble(logLossSum);
    EncodedArrays.writeDense(confusion, out);
    EncodedArrays.writeDense(rankWeight, out);
    EncodedArrays.writeSparse(positives, out);
    EncodedArrays.writeSparse(negatives, out);
    for (MulticlassAccumulator r : replicates) {
      r.write(out);
    }
  }

  @Override
  public void addEncoded(DataInputStream in) throws IOException {
    int k = in.readInt();
    int r = in.readInt();
    if (k != classes || r != replicates.length) {
      throw new IllegalArgumentException("Cannot merge a multiclass accumulator of " + k + " classes and " + r
          + " replicates into one of " + classes + " and " + replicates.length);
    }
    count += in.readLong();
    weight += in.readDouble();
    logLossSum += in.readDouble();
    EncodedArrays.addDense(confusion, in);
    EncodedArrays.addDense(rankWeight, in);
    EncodedArrays.addSparse(positives, in);
    EncodedArrays.addSparse(negatives, in);
    for (MulticlassAccumulator replicate : replicates) {
      replicate.addEncoded(in);
    }
  }

  @Override
  public MetricsResult result() {
    flushReplicates();
    return MulticlassMetrics.compute(this);
  }

  private static void addInto(double[] into, double[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof MulticlassAccumulator a) {
      flushReplicates();
      a.flushReplicates();
    }
    return o instanceof MulticlassAccumulator a && count == a.count && weight == a.weight
        && logLossSum == a.logLossSum && classNames.equals(a.classNames) && Arrays.equals(confusion, a.confusion)
        && Arrays.equals(rankWeight, a.rankWeight) && Arrays.equals(positives, a.positives)
        && Arrays.equals(negatives, a.negatives) && Arrays.equals(replicates, a.replicates);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, weight, classNames, Arrays.hashCode(confusion));
  }

  @Override
  public String toString() {
    return "MulticlassAccumulator{classes=" + classNames + ", count=" + count + ", weight=" + weight
        + ", replicates=" + replicates.length + "}";
  }
}
