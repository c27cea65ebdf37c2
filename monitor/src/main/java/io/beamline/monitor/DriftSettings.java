package io.beamline.monitor;

import io.beamline.core.InvalidParameterException;

/**
 * How the automatic drift mode judges a feature and the data set.
 *
 * @param alpha significance level of the two-sample test (default 0.001: with one test per feature
 *     per span, a looser level would cry wolf every few spans)
 * @param effectFloor the smallest effect called drift (D for KS, Cramer's V for chi-squared; default
 *     0.1): with tens of thousands of values, a p-value alone flags shifts too small to matter
 * @param minValues fewer values than this on either side and the feature is not judged (default 30)
 * @param maxNumericCategories a numeric feature with at most this many distinct values on both
 *     sides (exactly counted) is compared as categories (default 20)
 * @param datasetShare the data set is drifted when at least this share of judged features is
 *     (default 0.5)
 */
public record DriftSettings(double alpha, double effectFloor, long minValues, int maxNumericCategories,
    double datasetShare) {
  public DriftSettings {
    if (!(alpha > 0 && alpha < 1)) {
      throw new InvalidParameterException("drift alpha must be in (0, 1), got " + alpha);
    }
    if (!(effectFloor >= 0 && effectFloor <= 1)) {
      throw new InvalidParameterException("drift effect floor must be in [0, 1], got " + effectFloor);
    }
    if (!(datasetShare > 0 && datasetShare <= 1)) {
      throw new InvalidParameterException("drift data set share must be in (0, 1], got " + datasetShare);
    }
  }

  public static DriftSettings defaults() {
    return new DriftSettings(0.001, 0.1, 30, 20, 0.5);
  }

  public DriftSettings withDatasetShare(double share) {
    return new DriftSettings(alpha, effectFloor, minValues, maxNumericCategories, share);
  }

  public DriftSettings withEffectFloor(double floor) {
    return new DriftSettings(alpha, floor, minValues, maxNumericCategories, datasetShare);
  }
}
