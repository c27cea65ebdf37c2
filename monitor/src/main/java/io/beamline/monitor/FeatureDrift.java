package io.beamline.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How one feature's distribution moved between a baseline span and the current one.
 *
 * @param feature the feature
 * @param test the two-sample test chosen: {@code KOLMOGOROV_SMIRNOV}, {@code CHI_SQUARED}, or
 *     {@code NONE} when the feature was not judged
 * @param statistic the test statistic (KS: the largest CDF difference D; chi-squared: chi2)
 * @param pValue the p-value from both sample sizes (1 when not judged)
 * @param effectSize the effect size: D for KS, Cramer's V for chi-squared
 * @param n values in the current span
 * @param m values in the baseline span
 * @param wasserstein area between the CDFs over the baseline's standard deviation (numeric), else null
 * @param psi population stability index over the baseline's deciles or the categories
 * @param jensenShannon Jensen-Shannon divergence (log 2) over the same cells
 * @param drifted whether the feature is judged drifted
 * @param reason which test was chosen and why, and why the verdict
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FeatureDrift(String feature, String test, double statistic, double pValue, double effectSize,
    long n, long m, Double wasserstein, double psi, double jensenShannon, boolean drifted, String reason) {}
