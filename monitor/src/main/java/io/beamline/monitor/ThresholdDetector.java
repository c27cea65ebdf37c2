package io.beamline.monitor;

import static io.beamline.monitor.Detectors.fmt;

import io.beamline.core.InvalidParameterException;
import java.util.List;

/** Fixed bounds (Deequ's {@code SimpleThresholdStrategy}). */
final class ThresholdDetector implements Detector {
  private final String text;
  private final double lower;
  private final double upper;

  ThresholdDetector(String text, double lower, double upper) {
    if (!(lower <= upper)) {
      throw new InvalidParameterException("Detector '" + text + "': the lower bound " + lower
          + " must not exceed the upper bound " + upper);
    }
    this.text = text;
    this.lower = lower;
    this.upper = upper;
  }

  @Override
  public List<Detection> detect(double[] values, int from) {
    List<Detection> out = Detectors.list();
    for (int i = Math.max(from, 0); i < values.length; i++) {
      double x = values[i];
      if (x < lower || x > upper) {
        out.add(new Detection(i, x, lower, upper, text, "The value " + fmt(x) + " is "
            + (x < lower ? "below the lower" : "above the upper") + " threshold; expected " + fmt(lower) + " to "
            + fmt(upper) + "."));
      }
    }
    return out;
  }

  @Override
  public String describe() {
    return text;
  }
}
