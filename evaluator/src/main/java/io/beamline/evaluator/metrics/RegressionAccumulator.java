package io.beamline.evaluator.metrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The mergeable state behind the regression metrics of one slice: weighted sums of the label, the
 * prediction, the squared label, the squared, absolute and absolute-percentage errors, and a histogram
 * of the residuals (label - prediction), and a calibration plot: per bucket of the prediction (the
 * same buckets, on the prediction's value), the weight and the weighted sums of prediction and label.
 * The plot is kept for the point estimate only, not per replicate.
 *
 * <p>The residual histogram has fixed, scale-free buckets so that partial accumulators merge without
 * knowing the range first: one bucket for |r| < 1e-4, then per sign a bucket per quarter decade up to
 * 1e6 (the last one open). Written here rather than with a DataSketches quantile sketch because a
 * sketch per slice, file and replicate would dominate the partials, and its byte form needs the
 * incubating foreign-memory module on every JVM that evaluates.
 */
final class RegressionAccumulator implements SliceAccumulator {
  /** Quarter decades from 1e-4 to 1e6. */
  static final int STEPS_PER_DECADE = 4;
  static final int MIN_EXPONENT = -4;
  static final int SIDE_BUCKETS = (6 - MIN_EXPONENT) * STEPS_PER_DECADE + 1;
  private static final double SMALLEST_BUCKET_EDGE = Math.pow(10, MIN_EXPONENT);
  /** Slots of {@link #slots}: count, the eight sums of {@link #sums}, then the residual histogram. */
  private static final int SCALAR_SLOTS = 9;
  private static final int SLOTS = SCALAR_SLOTS + 2 * SIDE_BUCKETS + 1;

  final Resampling resampling;
  long count;
  double weight;
  double labelSum;
  double predictionSum;
  double labelSquares;
  double squaredErrors;
  double absoluteErrors;
  /** Sum of w |y - p| / |y| over examples with y != 0, and their weight. */
  double percentageErrors;
  double nonZeroLabelWeight;
  /** [0, SIDE_BUCKETS): negative residuals, far to near; [SIDE_BUCKETS]: |r| < 1e-4; then positive, near to far. */
  final double[] residuals = new double[2 * SIDE_BUCKETS + 1];
  /** [bucket of the prediction]: weight, weighted prediction sum, weighted label sum. */
  final double[] calibrationWeight = new double[2 * SIDE_BUCKETS + 1];
  final double[] calibrationPredictions = new double[2 * SIDE_BUCKETS + 1];
  final double[] calibrationLabels = new double[2 * SIDE_BUCKETS + 1];
  /** The replicates' sums, in {@link #slots} order ({@link ReplicateColumns}). */
  private final ReplicateColumns replicates;
  private final transient Replicates draws;

  RegressionAccumulator(MetricsSpec spec, int replicateCount) {
    this(spec.resampling(), replicateCount);
  }

  private RegressionAccumulator(Resampling resampling, int replicateCount) {
    this.resampling = resampling;
    this.replicates = new ReplicateColumns(SLOTS, replicateCount);
    this.draws = new Replicates(resampling, replicateCount);
  }

  RegressionAccumulator emptyWithoutReplicates() {
    return new RegressionAccumulator(resampling, 0);
  }

  @Override
  public void add(double label, float[] row, int offset, double w) {
    double prediction = row[offset];
    double error = label - prediction;
    int bucket = residualBucket(error);
    count++;
    weight += w;
    labelSum += w * label;
    predictionSum += w * prediction;
    labelSquares += w * label * label;
    squaredErrors += w * error * error;
    absoluteErrors += w * Math.abs(error);
    if (label != 0) {
      percentageErrors += w * Math.abs(error / label);
      nonZeroLabelWeight += w;
    }
    residuals[bucket] += w;
    int predicted = residualBucket(prediction);
    calibrationWeight[predicted] += w;
    calibrationPredictions[predicted] += w * prediction;
    calibrationLabels[predicted] += w * label;
    if (replicates.replicates() > 0) {
      double[] times = draws.next();
      // Slots in slots() order, three at a time.
      replicates.add(0, 1, 1, w, 2, w * label, times);
      replicates.add(3, w * prediction, 4, w * label * label, 5, w * error * error, times);
      replicates.add(6, w * Math.abs(error), SCALAR_SLOTS + bucket, w, times);
      if (label != 0) {
        replicates.add(7, w * Math.abs(error / label), 8, w, times);
      }
    }
  }

  /** The state the replicates keep (all but the calibration plot), as one vector. */
  private double[] slots() {
    return ReplicateColumns.pack(new double[] {count, weight, labelSum, predictionSum, labelSquares, squaredErrors,
        absoluteErrors, percentageErrors, nonZeroLabelWeight}, residuals);
  }

  /** Replicate {@code r} as an accumulator of its own (no replicates, no calibration plot). */
  private RegressionAccumulator replicate(int r) {
    RegressionAccumulator a = emptyWithoutReplicates();
    double[] v = ReplicateColumns.unpack(replicates.replicate(r), SCALAR_SLOTS, a.residuals);
    a.count = (long) v[0];
    a.weight = v[1];
    a.labelSum = v[2];
    a.predictionSum = v[3];
    a.labelSquares = v[4];
    a.squaredErrors = v[5];
    a.absoluteErrors = v[6];
    a.percentageErrors = v[7];
    a.nonZeroLabelWeight = v[8];
    return a;
  }

  /** Every replicate as an accumulator of its own, for the intervals. */
  RegressionAccumulator[] replicates() {
    return replicates.each(this::replicate, RegressionAccumulator[]::new);
  }

  static int residualBucket(double residual) {
    double magnitude = Math.abs(residual);
    if (magnitude < SMALLEST_BUCKET_EDGE) {
      return SIDE_BUCKETS;
    }
    int step = (int) Math.floor((Math.log10(magnitude) - MIN_EXPONENT) * STEPS_PER_DECADE);
    step = Math.min(SIDE_BUCKETS - 1, Math.max(0, step));
    return residual > 0 ? SIDE_BUCKETS + 1 + step : SIDE_BUCKETS - 1 - step;
  }

  /** The [low, high) edges of a residual bucket (infinite at the open ends). */
  static double[] bucketEdges(int bucket) {
    if (bucket == SIDE_BUCKETS) {
      double edge = Math.pow(10, MIN_EXPONENT);
      return new double[] {-edge, edge};
    }
    int step = bucket > SIDE_BUCKETS ? bucket - SIDE_BUCKETS - 1 : SIDE_BUCKETS - 1 - bucket;
    double near = Math.pow(10, MIN_EXPONENT + (double) step / STEPS_PER_DECADE);
    double far = step == SIDE_BUCKETS - 1 ? Double.POSITIVE_INFINITY
        : Math.pow(10, MIN_EXPONENT + (double) (step + 1) / STEPS_PER_DECADE);
    return bucket > SIDE_BUCKETS ? new double[] {near, far} : new double[] {-far, -near};
  }

  @Override
  public void merge(SliceAccumulator other) {
    RegressionAccumulator o = (RegressionAccumulator) other;
    if (replicates.replicates() != o.replicates.replicates() || resampling != o.resampling) {
      throw new IllegalArgumentException("Cannot merge regression accumulators of different specs");
    }
    count += o.count;
    weight += o.weight;
    labelSum += o.labelSum;
    predictionSum += o.predictionSum;
    labelSquares += o.labelSquares;
    squaredErrors += o.squaredErrors;
    absoluteErrors += o.absoluteErrors;
    percentageErrors += o.percentageErrors;
    nonZeroLabelWeight += o.nonZeroLabelWeight;
    for (int i = 0; i < residuals.length; i++) {
      residuals[i] += o.residuals[i];
      calibrationWeight[i] += o.calibrationWeight[i];
      calibrationPredictions[i] += o.calibrationPredictions[i];
      calibrationLabels[i] += o.calibrationLabels[i];
    }
    replicates.merge(o.replicates);
  }

  @Override
  public void reset() {
    count = 0;
    weight = 0;
    labelSum = 0;
    predictionSum = 0;
    labelSquares = 0;
    squaredErrors = 0;
    absoluteErrors = 0;
    percentageErrors = 0;
    nonZeroLabelWeight = 0;
    Arrays.fill(residuals, 0);
    Arrays.fill(calibrationWeight, 0);
    Arrays.fill(calibrationPredictions, 0);
    Arrays.fill(calibrationLabels, 0);
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

  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(replicates.replicates());
    out.writeLong(count);
    EncodedArrays.writeDense(sums(), out);
    EncodedArrays.writeSparse(residuals, out);
    EncodedArrays.writeSparse(calibrationWeight, out);
    EncodedArrays.writeSparse(calibrationPredictions, out);
    EncodedArrays.writeSparse(calibrationLabels, out);
    for (int r = 0; r < replicates.replicates(); r++) {
      replicate(r).write(out);
    }
  }

  @Override
  public void addEncoded(DataInputStream in) throws IOException {
    int r = in.readInt();
    if (r != replicates.replicates()) {
      throw new IllegalArgumentException("Cannot merge a regression accumulator of " + r + " replicates into one of "
          + replicates.replicates());
    }
    count += in.readLong();
    double[] s = new double[9];
    EncodedArrays.addDense(s, in);
    weight += s[0];
    labelSum += s[1];
    predictionSum += s[2];
    labelSquares += s[3];
    squaredErrors += s[4];
    absoluteErrors += s[5];
    percentageErrors += s[6];
    nonZeroLabelWeight += s[7];
    EncodedArrays.addSparse(residuals, in);
    EncodedArrays.addSparse(calibrationWeight, in);
    EncodedArrays.addSparse(calibrationPredictions, in);
    EncodedArrays.addSparse(calibrationLabels, in);
    for (int i = 0; i < r; i++) {
      RegressionAccumulator replicate = emptyWithoutReplicates();
      replicate.addEncoded(in);
      replicates.addToReplicate(i, replicate.slots());
    }
  }

  private double[] sums() {
    return new double[] {weight, labelSum, predictionSum, labelSquares, squaredErrors, absoluteErrors,
        percentageErrors, nonZeroLabelWeight, 0};
  }

  @Override
  public MetricsResult result() {
    return RegressionMetrics.compute(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegressionAccumulator a && count == a.count && Arrays.equals(sums(), a.sums())
        && Arrays.equals(residuals, a.residuals) && Arrays.equals(calibrationWeight, a.calibrationWeight)
        && Arrays.equals(calibrationPredictions, a.calibrationPredictions)
        && Arrays.equals(calibrationLabels, a.calibrationLabels) && replicates.equals(a.replicates);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, Arrays.hashCode(sums()));
  }

  @Override
  public String toString() {
    return "RegressionAccumulator{count=" + count + ", weight=" + weight + ", replicates=" + replicates.replicates() + "}";
  }
}
