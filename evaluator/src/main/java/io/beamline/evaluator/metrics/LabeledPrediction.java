package io.beamline.evaluator.metrics;

import io.beamline.core.InvalidInputException;
import java.io.Serializable;

/**
 * One scored example: its label (0 or 1), the model's probability of the positive class, and its
 * weight (1 when the eval config names no weight feature).
 */
public record LabeledPrediction(double label, double prediction, double weight) implements Serializable {
  public LabeledPrediction {
    if (label != 0.0 && label != 1.0) {
      throw new InvalidInputException("Label " + label + " is not a binary label: expected 0 or 1");
    }
    if (!(prediction >= 0.0 && prediction <= 1.0)) {
      throw new InvalidInputException("Prediction " + prediction
          + " is not a probability: expected a value in [0, 1] (is the output key the logit?)");
    }
    if (!(weight >= 0.0) || Double.isInfinite(weight)) {
      throw new InvalidInputException("Example weight " + weight + " is not allowed: expected a finite value >= 0");
    }
  }

  public static LabeledPrediction of(double label, double prediction) {
    return new LabeledPrediction(label, prediction, 1.0);
  }
}
