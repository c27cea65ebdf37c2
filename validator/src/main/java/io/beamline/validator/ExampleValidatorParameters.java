package io.beamline.validator;

import io.beamline.core.InvalidParameterException;
import java.util.Objects;

/**
 * Parameters of {@link ExampleValidator} and {@link Validation}.
 *
 * @param environment the environment the data comes from (e.g. {@code SERVING}); empty (default)
 *     checks every feature
 * @param driftMode {@link DriftMode#SCHEMA} (default) or {@link DriftMode#AUTO}
 * @param ksThreshold flag numeric drift/skew when the Kolmogorov-Smirnov statistic exceeds this;
 *     null (default) reports the value without flagging
 * @param psiThreshold likewise for the population stability index (0.25 is the usual "significant")
 * @param wassersteinThreshold likewise for the Wasserstein distance over the baseline's standard deviation
 * @param autoDriftShare in AUTO mode, the share of drifted features at or above which the data set is
 *     called drifted (default 0.5)
 */
public record ExampleValidatorParameters(String environment, DriftMode driftMode, Double ksThreshold, Double psiThreshold,
    Double wassersteinThreshold, double autoDriftShare) {

  public ExampleValidatorParameters {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(driftMode, "driftMode");
    if (!(autoDriftShare > 0 && autoDriftShare <= 1)) {
      throw new InvalidParameterException("auto_drift_share must be in (0, 1], got " + autoDriftShare);
    }
    for (Double t : new Double[] {ksThreshold, psiThreshold, wassersteinThreshold}) {
      if (t != null && !(t >= 0)) {
        throw new InvalidParameterException("drift thresholds must be >= 0, got " + t);
      }
    }
  }

  public static ExampleValidatorParameters defaults() {
    return new ExampleValidatorParameters("", DriftMode.SCHEMA, null, null, null, 0.5);
  }

  public ExampleValidatorParameters withEnvironment(String env) {
    return new ExampleValidatorParameters(env, driftMode, ksThreshold, psiThreshold, wassersteinThreshold, autoDriftShare);
  }

  public ExampleValidatorParameters withDriftMode(DriftMode mode) {
    return new ExampleValidatorParameters(environment, mode, ksThreshold, psiThreshold, wassersteinThreshold, autoDriftShare);
  }

  public ExampleValidatorParameters withNumericThresholds(Double ks, Double psi, Double wasserstein) {
    return new ExampleValidatorParameters(environment, driftMode, ks, psi, wasserstein, autoDriftShare);
  }
}
