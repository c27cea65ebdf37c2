package io.beamline.evaluator;

import io.beamline.core.InvalidInputException;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Equal-mass buckets of one numeric feature, cut at the quantiles of its statistics (the QUANTILES
 * histogram StatisticsGen writes, interpolated within its buckets when the wanted count does not
 * divide its own). A value is named by its bucket, {@code [low, high)} (the last bucket closed), values
 * outside the statistics' range going to the outer buckets; equal edges (a heavy value) collapse.
 *
 * @param feature the feature
 * @param edges ascending bucket edges, at least two
 */
record QuantileBuckets(String feature, double[] edges) implements Serializable {
  QuantileBuckets {
    edges = edges.clone();
  }

  /** {@code count} buckets of {@code feature} from {@code stats}, or an error naming what is missing. */
  static QuantileBuckets of(DatasetFeatureStatistics stats, String feature, int count, String source) {
    FeatureNameStatistics f = stats.feature(feature).orElseThrow(() -> new InvalidInputException(
        "Quantile slicing feature '" + feature + "' is not in the statistics " + source));
    Histogram quantiles = f.numStats() == null ? null : f.numStats().histograms().stream()
        .filter(h -> h.type() == Histogram.Type.QUANTILES).findFirst().orElse(null);
    if (quantiles == null || quantiles.buckets().isEmpty()) {
      throw new InvalidInputException("Quantile slicing feature '" + feature + "' has no quantiles histogram in the"
          + " statistics " + source + ": it is " + f.type() + ", expected a numeric feature with values");
    }
    List<Histogram.Bucket> buckets = quantiles.buckets();
    double total = buckets.stream().mapToDouble(Histogram.Bucket::sampleCount).sum();
    List<Double> edges = new ArrayList<>();
    edges.add(buckets.get(0).lowValue());
    for (int i = 1; i < count; i++) {
      double target = total * i / count;
      double seen = 0;
      for (Histogram.Bucket b : buckets) {
        if (seen + b.sampleCount() >= target && b.sampleCount() > 0) {
          double fraction = (target - seen) / b.sampleCount();
          edges.add(b.lowValue() + fraction * (b.highValue() - b.lowValue()));
          break;
        }
        seen += b.sampleCount();
      }
    }
    edges.add(buckets.get(buckets.size() - 1).highValue());
    double[] distinct = edges.stream().mapToDouble(Double::doubleValue).distinct().sorted().toArray();
    if (distinct.length < 2) {
      distinct = new double[] {distinct[0], distinct[0]};
    }
    return new QuantileBuckets(feature, distinct);
  }

  /** The bucket's name for {@code value}. */
  String name(double value) {
    int last = edges.length - 2;
    int i = 0;
    while (i < last && value >= edges[i + 1]) {
      i++;
    }
    return "[" + format(edges[i]) + ", " + format(edges[i + 1]) + (i == last ? "]" : ")");
  }

  private static String format(double v) {
    if (Double.isInfinite(v) || Double.isNaN(v)) {
      return Double.toString(v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantileBuckets q && feature.equals(q.feature) && Arrays.equals(edges, q.edges);
  }

  @Override
  public int hashCode() {
    return feature.hashCode() * 31 + Arrays.hashCode(edges);
  }

  @Override
  public String toString() {
    return "QuantileBuckets{" + feature + " " + Arrays.toString(edges) + "}";
  }
}
