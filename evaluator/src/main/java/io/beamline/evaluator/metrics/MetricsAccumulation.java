package io.beamline.evaluator.metrics;

/**
 * The metrics of one slice of any task without Beam: add scored examples, then read the result.
 * Mutable and not thread-safe; merge across threads through {@link BundleMetrics} instead.
 *
 * <pre>{@code
 * MetricsAccumulation m = MetricsAccumulation.of(MetricsSpec.defaults().multiclass(List.of("a", "b", "c")));
 * m.add(2, new float[] {0.1f, 0.2f, 0.7f}, 0, 1.0);   // label: class id 2, its probabilities from offset 0
 * MetricsResult r = m.result();
 * }</pre>
 */
public final class MetricsAccumulation {
  private final SliceAccumulator accumulator;

  private MetricsAccumulation(SliceAccumulator accumulator) {
    this.accumulator = accumulator;
  }

  /** An empty accumulation for {@code spec}'s task, with replicates when it asks for intervals. */
  public static MetricsAccumulation of(MetricsSpec spec) {
    return new MetricsAccumulation(SliceAccumulator.create(spec));
  }

  /**
   * Adds one example whose prediction is {@code row[offset]} (binary probability, regression value)
   * or {@code row[offset .. offset + classes)} (multiclass probabilities); values are not checked.
   */
  public MetricsAccumulation add(double label, float[] row, int offset, double weight) {
    accumulator.add(label, row, offset, weight);
    return this;
  }

  public MetricsResult result() {
    return accumulator.result();
  }
}
