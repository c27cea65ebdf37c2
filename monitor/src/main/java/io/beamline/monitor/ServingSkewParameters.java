package io.beamline.monitor;

import io.beamline.core.InvalidParameterException;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of {@link ServingSkew}.
 *
 * @param trainingSplit the training side's split (default {@code train})
 * @param servingSplit the serving side's split; empty (default) takes the serving artifact's only split
 * @param drift how a feature's distribution skew is judged (default {@link DriftSettings#defaults()})
 * @param identifierFeatures the features that identify an example on both sides (e.g. a request id
 *     logged with the prediction and kept in the training data); empty (default): no feature skew join
 * @param ignoredFeatures features compared neither by distribution nor per example (e.g. the label,
 *     which serving requests do not carry)
 * @param floatRoundDigits digits after the point floats are rounded to before comparing and joining;
 *     -1 (default) compares them exactly
 * @param sampleSize skewed pairs kept as samples, those with the smallest identifiers (default 10)
 */
public record ServingSkewParameters(String trainingSplit, String servingSplit, DriftSettings drift,
    List<String> identifierFeatures, List<String> ignoredFeatures, int floatRoundDigits, int sampleSize) {
  public ServingSkewParameters {
    if (trainingSplit == null || trainingSplit.isBlank()) {
      throw new InvalidParameterException("training_split must be a split name, got '" + trainingSplit + "'");
    }
    Objects.requireNonNull(servingSplit, "servingSplit");
    Objects.requireNonNull(drift, "drift");
    identifierFeatures = List.copyOf(identifierFeatures);
    ignoredFeatures = List.copyOf(ignoredFeatures);
    if (floatRoundDigits < -1 || floatRoundDigits > 15) {
      throw new InvalidParameterException("float_round_digits must be -1 (exact) or 0..15, got " + floatRoundDigits);
    }
    if (sampleSize < 0) {
      throw new InvalidParameterException("sample_size must be >= 0, got " + sampleSize);
    }
    for (String id : identifierFeatures) {
      if (ignoredFeatures.contains(id)) {
        throw new InvalidParameterException("feature '" + id + "' is both an identifier and ignored");
      }
    }
  }

  public static ServingSkewParameters defaults() {
    return new ServingSkewParameters("train", "", DriftSettings.defaults(), List.of(), List.of(), -1, 10);
  }

  public ServingSkewParameters withTrainingSplit(String split) {
    return new ServingSkewParameters(split, servingSplit, drift, identifierFeatures, ignoredFeatures, floatRoundDigits, sampleSize);
  }

  public ServingSkewParameters withServingSplit(String split) {
    return new ServingSkewParameters(trainingSplit, split, drift, identifierFeatures, ignoredFeatures, floatRoundDigits, sampleSize);
  }

  public ServingSkewParameters withDrift(DriftSettings settings) {
    return new ServingSkewParameters(trainingSplit, servingSplit, settings, identifierFeatures, ignoredFeatures, floatRoundDigits, sampleSize);
  }

  public ServingSkewParameters withIdentifierFeatures(List<String> features) {
    return new ServingSkewParameters(trainingSplit, servingSplit, drift, features, ignoredFeatures, floatRoundDigits, sampleSize);
  }

  public ServingSkewParameters withIgnoredFeatures(List<String> features) {
    return new ServingSkewParameters(trainingSplit, servingSplit, drift, identifierFeatures, features, floatRoundDigits, sampleSize);
  }

  public ServingSkewParameters withFloatRoundDigits(int digits) {
    return new ServingSkewParameters(trainingSplit, servingSplit, drift, identifierFeatures, ignoredFeatures, digits, sampleSize);
  }

  public ServingSkewParameters withSampleSize(int n) {
    return new ServingSkewParameters(trainingSplit, servingSplit, drift, identifierFeatures, ignoredFeatures, floatRoundDigits, n);
  }
}
