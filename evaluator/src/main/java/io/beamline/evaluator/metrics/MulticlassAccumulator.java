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
 * 1e-3 of the exact value on smooth score distributions. Size: 16 K (K + 2,000) bytes, plus at
 * most as much per replicate (their rows exist only for the cells examples reached). Empty case: no examples, only the counts are reported. Merging adds element-wise.
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
  /**
   * The replicates' sums ({@link ReplicateColumns}), slot by slot in {@link #slots} order: count,
   * weight, log loss, confusion, ranks, positives, negatives.
   */
  private final ReplicateColumns replicates;
  private final transient Replicates draws;
  /** Scratch: the histogram cell of each class's probability for the example being added. */
  private final transient int[] cells;
  /** Scratch: the slots an example adds its weight to besides the weight (confusion, rank, a histogram cell per class). */
  private final transient int[] weightSlots;

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
    this.replicates = new ReplicateColumns(positivesSlot() + 2 * classes * BUCKETS, replicateCount);
    this.draws = new Replicates(resampling, replicateCount);
    this.cells = new int[classes];
    this.weightSlots = new int[2 + classes];
  }

  MulticlassAccumulator emptyWithoutReplicates() {
    return new MulticlassAccumulator(classNames, 0, resampling);
  }

  @Override
  public void add(double label, float[] row, int offset, double w) {
    int actual = (int) label;
    // Selects rather than branches: which class wins is a coin toss the CPU cannot predict.
    int predicted = 0;
    float best = row[offset];
    for (int c = 1; c < classes; c++) {
      float p = row[offset + c];
      boolean higher = p > best;
      predicted = higher ? c : predicted;
      best = higher ? p : best;
    }
    float pTrue = row[offset + actual];
    int rank = 0;
    for (int c = 0; c < classes; c++) {
      float p = row[offset + c];
      rank += (p > pTrue ? 1 : 0) + (p == pTrue & c < actual ? 1 : 0);
    }
    double logTerm = Math.log(Math.min(Math.max(pTrue, EPSILON), 1 - EPSILON));
    // Each class's histogram cell once per example, not once per replicate that takes it.
    for (int c = 0; c < classes; c++) {
      cells[c] = c * BUCKETS + Math.min(BUCKETS - 1, (int) (row[offset + c] * BUCKETS));
    }
    addScalars(actual, predicted, rank, logTerm, w);
    addToHistograms(actual, w);
    if (replicates.replicates() > 0) {
      double[] times = draws.next();
      // Three slots a loop: count, weight and log loss; then the weight's confusion cell, rank and
      // one histogram cell per class.
      replicates.add(0, 1, 1, w, 2, -w * logTerm, times);
      int positives = positivesSlot();
      int negatives = positives + classes * BUCKETS;
      int[] touched = weightSlots;
      touched[0] = 3 + actual * classes + predicted;
      touched[1] = 3 + classes * classes + rank;
      for (int c = 0; c < classes; c++) {
        touched[2 + c] = (c == actual ? positives : negatives) + cells[c];
      }
      int i = 0;
      for (; i + 2 < touched.length; i += 3) {
        replicates.add(touched[i], w, touched[i + 1], w, touched[i + 2], w, times);
      }
      if (i + 1 < touched.length) {
        replicates.add(touched[i], w, touched[i + 1], w, times);
      } else if (i < touched.length) {
        replicates.add(touched[i], w, times);
      }
    }
  }

  /** The first histogram slot: after count, weight, log loss, K x K confusion cells and K ranks. */
  private int positivesSlot() {
    return 3 + classes * classes + classes;
  }

  /** The state the replicates keep, as one vector in slot order. */
  private double[] slots() {
    return ReplicateColumns.pack(new double[] {count, weight, logLossSum}, confusion, rankWeight, positives, negatives);
  }

  /** Replicate {@code r} as an accumulator of its own. */
  private MulticlassAccumulator replicate(int r) {
    MulticlassAccumulator a = emptyWithoutReplicates();
    double[] scalars = ReplicateColumns.unpack(replicates.replicate(r), 3, a.confusion, a.rankWeight, a.positives,
        a.negatives);
    a.count = (long) scalars[0];
    a.weight = scalars[1];
    a.logLossSum = scalars[2];
    return a;
  }

  /** Every replicate as an accumulator of its own, for the intervals. */
  MulticlassAccumulator[] replicates() {
    return replicates.each(this::replicate, MulticlassAccumulator[]::new);
  }

  private void addScalars(int actual, int predicted, int rank, double logTerm, double w) {
    count++;
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
    if (!classNames.equals(o.classNames) || replicates.replicates() != o.replicates.replicates()
        || resampling != o.resampling) {
      throw new IllegalArgumentException("Cannot merge multiclass accumulators of different specs");
    }
    count += o.count;
    weight += o.weight;
    logLossSum += o.logLossSum;
    addInto(confusion, o.confusion);
    addInto(rankWeight, o.rankWeight);
    addInto(positives, o.positives);
    addInto(negatives, o.negatives);
    replicates.merge(o.replicates);
  }

  @Override
  public void reset() {
    count = 0;
    weight = 0;
    logLossSum = 0;
    Arrays.fill(confusion, 0);
    Arrays.fill(rankWeight, 0);
    Arrays.fill(positives, 0);
    Arrays.fill(negatives, 0);
    replicates.clear();
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
    out.writeInt(classes);
    out.writeInt(replicates.replicates());
    out.writeLong(count);
    out.writeDouble(weight);
    out.writeDouble(logLossSum);
    EncodedArrays.writeDense(confusion, out);
    EncodedArrays.writeDense(rankWeight, out);
    EncodedArrays.writeSparse(positives, out);
    EncodedArrays.writeSparse(negatives, out);
    for (int r = 0; r < replicates.replicates(); r++) {
      replicate(r).write(out);
    }
  }

  @Override
  public void addEncoded(DataInputStream in) throws IOException {
    int k = in.readInt();
    int r = in.readInt();
    if (k != classes || r != replicates.replicates()) {
      throw new IllegalArgumentException("Cannot merge a multiclass accumulator of " + k + " classes and " + r
          + " replicates into one of " + classes + " and " + replicates.replicates());
    }
    count += in.readLong();
    weight += in.readDouble();
    logLossSum += in.readDouble();
    EncodedArrays.addDense(confusion, in);
    EncodedArrays.addDense(rankWeight, in);
    EncodedArrays.addSparse(positives, in);
    EncodedArrays.addSparse(negatives, in);
    for (int i = 0; i < r; i++) {
      MulticlassAccumulator replicate = emptyWithoutReplicates();
      replicate.addEncoded(in);
      replicates.addToReplicate(i, replicate.slots());
    }
  }

  @Override
  public MetricsResult result() {
    return MulticlassMetrics.compute(this);
  }

  private static void addInto(double[] into, double[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MulticlassAccumulator a && count == a.count && weight == a.weight
        && logLossSum == a.logLossSum && classNames.equals(a.classNames) && Arrays.equals(confusion, a.confusion)
        && Arrays.equals(rankWeight, a.rankWeight) && Arrays.equals(positives, a.positives)
        && Arrays.equals(negatives, a.negatives) && replicates.equals(a.replicates);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, weight, classNames, Arrays.hashCode(confusion));
  }

  @Override
  public String toString() {
    return "MulticlassAccumulator{classes=" + classNames + ", count=" + count + ", weight=" + weight
        + ", replicates=" + replicates.replicates() + "}";
  }
}
