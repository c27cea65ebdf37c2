package io.beamline.monitor;

import static io.beamline.monitor.Detectors.fmt;

import io.beamline.core.InvalidParameterException;
import java.util.List;

/**
 * Absolute or relative change from the previous value (Deequ's {@code AbsoluteChangeStrategy} and
 * {@code RelativeRateOfChangeStrategy}, first order).
 */
final class ChangeDetector implements Detector {
  private final String text;
  private final boolean relative;
  private final double low;
  private final double high;

  ChangeDetector(String text, boolean relative, double low, double high) {
    if (!(low <= high)) {
      throw new InvalidParameterException("Detector '" + text + "': the lower bound " + low
          + " must not exceed the upper bound " + high);
    }
    if (relative && low < 0) {
      throw new InvalidParameterException("Detector '" + text + "': a rate of change is at least 0, got " + low);
    }
    this.text = text;
    this.relative = relative;
    this.low = low;
    this.high = high;
  }

  @Override
  public List<Detection> detect(double[] values, int from) {
    List<Detection> out = Detectors.list();
    for (int i = Math.max(from, 1); i < values.length; i++) {
      int p = Detectors.previous(values, i);
      double x = values[i];
      if (p < 0 || Double.isNaN(x)) {
        continue;
      }
      double prev = values[p];
      double lower = relative ? Math.min(prev * low, prev * high) : prev + low;
      double upper = relative ? Math.max(prev * low, prev * high) : prev + high;
      if (x < lower || x > upper) {
        String change = relative
            ? "changed by a factor of " + (prev == 0 ? "infinity" : fmt(x / prev)) + " (allowed " + fmt(low) + " to " + fmt(high) + ")"
            : "changed by " + fmt(x - prev) + " (allowed " + fmt(low) + " to " + fmt(high) + ")";
        out.add(new Detection(i, x, lower, upper, text, "The value " + fmt(x) + " " + change
            + " from the previous value " + fmt(prev) + "; expected " + fmt(lower) + " to " + fmt(upper) + "."));
      }
    }
    return out;
  }

  @Override
  public String describe() {
    return text;
  }
}
