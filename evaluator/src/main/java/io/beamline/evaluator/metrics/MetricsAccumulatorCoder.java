package io.beamline.evaluator.metrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Deterministic binary form of a {@link MetricsAccumulator}. Histogram buckets are written sparsely
 * (index, value) because a slice of a few hundred examples fills only a few hundred of 10,000 buckets.
 */
final class MetricsAccumulatorCoder extends CustomCoder<MetricsAccumulator> {
  private static final MetricsAccumulatorCoder INSTANCE = new MetricsAccumulatorCoder();

  static MetricsAccumulatorCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(MetricsAccumulator a, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    write(a, data);
    data.flush();
  }

  @Override
  public MetricsAccumulator decode(InputStream in) throws IOException {
    return read(new DataInputStream(in));
  }

  @Override
  public void verifyDeterministic() {}

  static void write(MetricsAccumulator a, DataOutputStream out) throws IOException {
    out.writeInt(a.resampling.ordinal());
    out.writeInt(a.thresholds.length);
    for (double t : a.thresholds) {
      out.writeDouble(t);
    }
    out.writeInt(a.calibration.length / 3);
    out.writeInt(a.replicateCount());
    out.writeLong(a.count);
    out.writeDouble(a.weight);
    out.writeDouble(a.labelSum);
    out.writeDouble(a.predictionSum);
    out.writeDouble(a.logLossSum);
    writeSparse(a, a.positives, 0, a.nonZeroCells(a.positives), out);
    writeSparse(a, a.negatives, MetricsAccumulator.BUCKETS, a.nonZeroCells(a.negatives), out);
    writeDense(a.confusion, out);
    writeDense(a.calibration, out);
    for (MetricsAccumulator r : a.replicates) {
      write(r, out);
    }
  }

  private static MetricsAccumulator read(DataInputStream in) throws IOException {
    Resampling resampling = Resampling.values()[in.readInt()];
    double[] thresholds = new double[in.readInt()];
    for (int i = 0; i < thresholds.length; i++) {
      thresholds[i] = in.readDouble();
    }
    int calibrationBuckets = in.readInt();
    int replicates = in.readInt();
    MetricsAccumulator a = new MetricsAccumulator(thresholds, calibrationBuckets, replicates, resampling);
    a.count = in.readLong();
    a.weight = in.readDouble();
    a.labelSum = in.readDouble();
    a.predictionSum = in.readDouble();
    a.logLossSum = in.readDouble();
    addSparse(a, a.positives, 0, in);
    addSparse(a, a.negatives, MetricsAccumulator.BUCKETS, in);
    readDense(a.confusion, in);
    readDense(a.calibration, in);
    for (int r = 0; r < a.replicates.length; r++) {
      a.replicates[r] = read(in);
    }
    a.untrack();
    return a;
  }

  /** {@code cells}: the nonzero indices in ascending order when the accumulator tracked them, else null (scan). */
  /**
   * Decodes {@code encoded} and adds it into {@code into}, as {@link MetricsAccumulator#merge} would,
   * without materializing it: a decoded accumulator is dense (160 KB times 1 + replicates) while a
   * bundle's partial holds a few hundred cells.
   */
  static void mergeEncoded(MetricsAccumulator into, byte[] encoded) {
    try {
      addInto(into, new DataInputStream(new java.io.ByteArrayInputStream(encoded)));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot decode a partial metrics accumulator", e);
    }
    into.untrack();
  }

  static void addInto(MetricsAccumulator a, DataInputStream in) throws IOException {
    Resampling resampling = Resampling.values()[in.readInt()];
    double[] thresholds = new double[in.readInt()];
    for (int i = 0; i < thresholds.length; i++) {
      thresholds[i] = in.readDouble();
    }
    int calibrationBuckets = in.readInt();
    int replicates = in.readInt();
    if (!java.util.Arrays.equals(thresholds, a.thresholds) || calibrationBuckets != a.calibration.length / 3
        || replicates != a.replicateCount() || resampling != a.resampling) {
      throw new IllegalArgumentException("Cannot merge metric accumulators of different specs");
    }
    a.count += in.readLong();
    a.weight += in.readDouble();
    a.labelSum += in.readDouble();
    a.predictionSum += in.readDouble();
    a.logLossSum += in.readDouble();
    addSparse(a, a.positives, 0, in);
    addSparse(a, a.negatives, MetricsAccumulator.BUCKETS, in);
    addDense(a.confusion, in);
    addDense(a.calibration, in);
    for (int r = 0; r < a.replicates.length; r++) {
      addInto(a.replicates[r], in);
    }
  }

  /** Adds (index, weight[, count, prediction sum, log-loss sum]) entries into a histogram and its cells. */
  private static void addSparse(MetricsAccumulator a, double[] into, int cellOffset, DataInputStream in)
      throws IOException {
    int nonZero = in.readInt();
    boolean cells = a.bootstrapSamples > 0;
    for (int k = 0; k < nonZero; k++) {
      int i = in.readInt();
      into[i] += in.readDouble();
      if (cells) {
        a.cellCounts[cellOffset + i] += in.readDouble();
        a.cellPredictions[cellOffset + i] += in.readDouble();
        a.cellLogLoss[cellOffset + i] += in.readDouble();
      }
    }
  }

  private static void addDense(double[] into, DataInputStream in) throws IOException {
    for (int i = 0; i < into.length; i++) {
      into[i] += in.readDouble();
    }
  }

  /**
   * The nonzero buckets of a histogram as (index, weight) and, with bootstrap cells, the cell's count,
   * prediction sum and log-loss sum; {@code cells}: the nonzero indices in ascending order when the
   * accumulator tracked them, else null (scan).
   */
  private static void writeSparse(MetricsAccumulator a, double[] values, int cellOffset, int[] cells,
      DataOutputStream out) throws IOException {
    if (cells == null) {
      cells = java.util.stream.IntStream.range(0, values.length).filter(i -> values[i] != 0.0).toArray();
    }
    out.writeInt(cells.length);
    for (int i : cells) {
      out.writeInt(i);
      out.writeDouble(values[i]);
      if (a.bootstrapSamples > 0) {
        out.writeDouble(a.cellCounts[cellOffset + i]);
        out.writeDouble(a.cellPredictions[cellOffset + i]);
        out.writeDouble(a.cellLogLoss[cellOffset + i]);
      }
    }
  }

  private static void writeDense(double[] values, DataOutputStream out) throws IOException {
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static void readDense(double[] into, DataInputStream in) throws IOException {
    for (int i = 0; i < into.length; i++) {
      into[i] = in.readDouble();
    }
  }
}
