package io.beamline.evaluator.metrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The mergeable state behind the metrics of one slice, whatever the task: {@link MetricsAccumulator}
 * (binary), {@link MulticlassAccumulator}, {@link RegressionAccumulator}. Each holds its own
 * replicates for confidence intervals, drawn example by example, so partial accumulators of different
 * bundles merge into exactly what one pass would give.
 */
interface SliceAccumulator {
  /**
   * Adds one scored example.
   *
   * @param label binary: 0 or 1; multiclass: the class id; regression: the value
   * @param row the model's outputs for a batch, this example's from {@code offset}: one value (binary,
   *     regression) or one probability per class (multiclass)
   */
  void add(double label, float[] row, int offset, double weight);

  /** Adds {@code other}, of the same spec, into this one. */
  void merge(SliceAccumulator other);

  /** Back to empty, keeping the arrays. */
  void reset();

  /** Seeds the draws of the replicates of the examples added from now on. */
  void seedReplicates(long seed);

  long count();

  /** Writes the state (deterministically) for {@link #addEncoded}. */
  void write(DataOutputStream out) throws IOException;

  /** Reads what {@link #write} wrote for the same spec and adds it into this one. */
  void addEncoded(DataInputStream in) throws IOException;

  MetricsResult result();

  /** An empty accumulator of {@code spec}'s task, with replicates when the spec asks for intervals. */
  static SliceAccumulator create(MetricsSpec spec) {
    return switch (spec.task()) {
      case BINARY -> new MetricsAccumulator(spec, true);
      case MULTICLASS -> new MulticlassAccumulator(spec, spec.bootstrapSamples());
      case REGRESSION -> new RegressionAccumulator(spec, spec.bootstrapSamples());
    };
  }
}
