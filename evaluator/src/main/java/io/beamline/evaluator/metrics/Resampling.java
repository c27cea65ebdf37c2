package io.beamline.evaluator.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beamline.core.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the replicates behind confidence intervals are drawn, example by example, so that they stay
 * mergeable across bundles and files.
 *
 * <ul>
 *   <li>{@code BOOTSTRAP} (default, TFMA's): each replicate takes each example Poisson(1) times; the
 *       interval is the 2.5th to 97.5th percentile of the replicates' values.
 *   <li>{@code JACKKNIFE}: each example goes to one of the R groups at random; replicate j is the data
 *       without group j (delete-a-group jackknife), the standard error is
 *       sqrt((R-1)/R * sum (theta_j - mean)^2) and the interval the estimate +- 1.96 standard errors.
 * </ul>
 */
public enum Resampling {
  BOOTSTRAP, JACKKNIFE;

  private static final double[] POISSON1_CDF = poissonCdf();
  private static final double Z_975 = 1.959963984540054;

  @JsonCreator
  public static Resampling parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("Unknown resampling '" + name + "': expected one of "
          + Arrays.stream(values()).map(Resampling::configName).toList());
    }
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Fills {@code times[r]} with how often replicate r takes the next example (bootstrap: Poisson(1)
   * draws; jackknife: 1 for the example's group, 0 elsewhere, since a group's accumulator holds what
   * its leave-one-out replicate lacks).
   */
  void draw(SplittableRandom random, double[] times) {
    if (this == BOOTSTRAP) {
      PoissonOneDraws.fill(random, times);
    } else {
      Arrays.fill(times, 0);
      times[random.nextInt(times.length)] = 1;
    }
  }

  /**
   * The interval of a metric from its estimate and its values on the replicates (for the jackknife,
   * on the leave-one-group-out data sets).
   */
  MetricsResult.ConfidenceInterval interval(double estimate, double[] replicateValues) {
    double[] sorted = replicateValues.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0);
    double squares = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum();
    if (this == BOOTSTRAP) {
      return new MetricsResult.ConfidenceInterval(percentile(sorted, 0.025), percentile(sorted, 0.975),
          Math.sqrt(squares / Math.max(1, sorted.length - 1)), sorted.length);
    }
    int groups = sorted.length;
    double se = Math.sqrt((groups - 1.0) / groups * squares);
    return new MetricsResult.ConfidenceInterval(estimate - Z_975 * se, estimate + Z_975 * se, se, groups);
  }

  /** Inverse-CDF draw from Poisson(1): the multiplicity of one example in one bootstrap replicate. */
  static int poisson1(double u) {
    int k = 0;
    while (k < POISSON1_CDF.length - 1 && u > POISSON1_CDF[k]) {
      k++;
    }
    return k;
  }

  private static double[] poissonCdf() {
    double[] cdf = new double[20];
    double p = Math.exp(-1);
    double sum = 0;
    for (int k = 0; k < cdf.length; k++) {
      sum += p;
      cdf[k] = sum;
      p /= (k + 1);
    }
    cdf[cdf.length - 1] = 1.0;
    return cdf;
  }

  /** Linear interpolation between order statistics (numpy's default). */
  private static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
