package io.beamline.monitor;

import io.beamline.core.InvalidInputException;
import io.beamline.core.statistics.FeatureSketches.FeatureSketch;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * One span's values of a feature, read back from its kept sketch. Numeric: a step CDF, sorted
 * distinct points with cumulative weights (exact from exact counts; the KLL sketch's sorted view
 * otherwise, within its rank error). Categorical: counts per value (exact, or the frequent-items
 * sketch's estimates with the rest under {@link #OTHER}).
 */
final class Distribution {
  /** The label of the values a frequent-items sketch does not list. */
  static final String OTHER = "__other__";

  private final double[] points;
  private final double[] cumulative;
  private final Map<String, Long> counts;
  private final long n;
  private final boolean exact;

  private Distribution(double[] points, double[] cumulative, Map<String, Long> counts, long n, boolean exact) {
    this.points = points;
    this.cumulative = cumulative;
    this.counts = counts;
    this.n = n;
    this.exact = exact;
  }

  /** Whether the counts are exact (not a sketch's estimates). */
  boolean exact() {
    return exact;
  }

  static Distribution of(FeatureSketch sketch, String source) {
    try {
      if (sketch.numericCounts() != null) {
        double[] pts = new double[sketch.numericCounts().size()];
        double[] cum = new double[pts.length];
        int i = 0;
        double acc = 0;
        for (Map.Entry<Double, Long> e : sketch.numericCounts().entrySet()) {
          acc += e.getValue();
          pts[i] = e.getKey();
          cum[i++] = acc;
        }
        return new Distribution(pts, cum, null, (long) acc, true);
      }
      if (sketch.kll() != null) {
        KllDoublesSketch kll = KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(sketch.kll())));
        DoublesSortedView view = kll.getSortedView();
        long[] weights = view.getCumulativeWeights();
        double[] cum = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
          cum[i] = weights[i];
        }
        return new Distribution(view.getQuantiles(), cum, null, kll.getN(), false);
      }
      if (sketch.stringCounts() != null) {
        return new Distribution(null, null, new LinkedHashMap<>(sketch.stringCounts()), sketch.n(), true);
      }
      ItemsSketch<String> items = ItemsSketch.getInstance(
          Memory.wrap(Base64.getDecoder().decode(sketch.frequentItems())), new ArrayOfStringsSerDe());
      Map<String, Long> counts = new LinkedHashMap<>();
      long listed = 0;
      for (ItemsSketch.Row<String> row : items.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) {
        counts.put(row.getItem(), row.getEstimate());
        listed += row.getEstimate();
      }
      if (items.getStreamLength() > listed) {
        counts.merge(OTHER, items.getStreamLength() - listed, Long::sum);
      }
      return new Distribution(null, null, counts, items.getStreamLength(), false);
    } catch (RuntimeException e) {
      throw new InvalidInputException("Cannot read the sketch of feature '" + sketch.name() + "' in " + source
          + ": " + e.getMessage(), e);
    }
  }

  boolean numeric() {
    return points != null;
  }

  long n() {
    return n;
  }

  /** Distinct values: exact for exact counts, the sketch's retained points otherwise. */
  int distinct() {
    return numeric() ? points.length : counts.size();
  }

  /** The share of values {@code <= x}. */
  double cdf(double x) {
    int lo = 0;
    int hi = points.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (points[mid] <= x) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 0 : cumulative[found] / cumulative[cumulative.length - 1];
  }

  /** The smallest point whose share of values at or below it is at least {@code rank}. */
  double quantile(double rank) {
    double total = cumulative[cumulative.length - 1];
    for (int i = 0; i < points.length; i++) {
      if (cumulative[i] / total >= rank) {
        return points[i];
      }
    }
    return points[points.length - 1];
  }

  double[] points() {
    return points;
  }

  /** Population mean and standard deviation of a numeric distribution. */
  double[] meanAndSd() {
    double total = cumulative[cumulative.length - 1];
    double mean = 0;
    double previous = 0;
    for (int i = 0; i < points.length; i++) {
      mean += points[i] * (cumulative[i] - previous) / total;
      previous = cumulative[i];
    }
    double var = 0;
    previous = 0;
    for (int i = 0; i < points.length; i++) {
      var += (points[i] - mean) * (points[i] - mean) * (cumulative[i] - previous) / total;
      previous = cumulative[i];
    }
    return new double[] {mean, Math.sqrt(var)};
  }

  Map<String, Long> counts() {
    return counts;
  }

  /** A numeric distribution's points as category labels (for few distinct values compared as categories). */
  Map<String, Long> countsOfPoints() {
    Map<String, Long> out = new LinkedHashMap<>();
    double previous = 0;
    for (int i = 0; i < points.length; i++) {
      out.put(Double.toString(points[i]), Math.round(cumulative[i] - previous));
      previous = cumulative[i];
    }
    return out;
  }
}
