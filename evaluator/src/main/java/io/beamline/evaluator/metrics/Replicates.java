package io.beamline.evaluator.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The draws of an accumulator's replicates and the intervals they give, shared by every task. Not
 * state: the seed and the random stream only decide the multiplicities of examples still to come.
 */
final class Replicates {
  static final long DEFAULT_SEED = 0x5eed_b007L;

  private final Resampling method;
  private final double[] times;
  private long seed = DEFAULT_SEED;
  private SplittableRandom random;

  Replicates(Resampling method, int count) {
    this.method = method;
    this.times = new double[count];
  }

  void seed(long value) {
    this.seed = value;
    this.random = null;
  }

  /** Forgets the stream (a reset accumulator starts from its seed again). */
  void restart() {
    random = null;
  }

  /**
   * How often each replicate takes the next example (whole numbers, as doubles: they multiply
   * weights); reused array, valid until the next call.
   */
  double[] next() {
    if (random == null) {
      random = new SplittableRandom(seed);
    }
    method.draw(random, times);
    return times;
  }

  /**
   * Intervals for every metric of {@code point} that is defined on at least one replicate. For the
   * bootstrap the replicates are the samples; for the jackknife each replicate holds one group, and
   * the sample j is everything but group j.
   */
  static <A> Map<String, MetricsResult.ConfidenceInterval> intervals(Resampling method, Map<String, Double> point,
      A[] replicates, Supplier<A> empty, java.util.function.BiConsumer<A, A> merge,
      Function<A, Map<String, Double>> scalars) {
    Map<String, MetricsResult.ConfidenceInterval> out = new LinkedHashMap<>();
    if (replicates.length == 0) {
      return out;
    }
    List<Map<String, Double>> samples = new ArrayList<>();
    if (method == Resampling.BOOTSTRAP) {
      for (A r : replicates) {
        samples.add(scalars.apply(r));
      }
    } else {
      for (int j = 0; j < replicates.length; j++) {
        A without = empty.get();
        for (int i = 0; i < replicates.length; i++) {
          if (i != j) {
            merge.accept(without, replicates[i]);
          }
        }
        samples.add(scalars.apply(without));
      }
    }
    for (Map.Entry<String, Double> metric : point.entrySet()) {
      double[] v = samples.stream().filter(s -> s.containsKey(metric.getKey()))
          .mapToDouble(s -> s.get(metric.getKey())).toArray();
      if (v.length > 0) {
        out.put(metric.getKey(), method.interval(metric.getValue(), v));
      }
    }
    return out;
  }
}
