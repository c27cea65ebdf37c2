package io.beamline.monitor;

import static io.beamline.monitor.Detectors.fmt;

import io.beamline.core.InvalidParameterException;
import java.util.List;

/**
 * Within K standard deviations of the mean. Online (Deequ's {@code OnlineNormalStrategy}): the
 * running mean and (population) standard deviation of the earlier values, anomalies left out of
 * them so one outlier does not widen the range for the next; judged from the third value on.
 * Batch (Deequ's {@code BatchNormalStrategy}): the mean and sample standard deviation of every
 * value before {@code from}, the same range for every judged point.
 */
final class NormalDetector implements Detector {
  private final String text;
  private final boolean online;
  private final double kLow;
  private final double kHigh;

  NormalDetector(String text, boolean online, double kLow, double kHigh) {
    if (!(kLow >= 0 && kHigh >= 0)) {
      throw new InvalidParameterException("Detector '" + text + "': deviation factors must be >= 0, got "
          + kLow + " and " + kHigh);
    }
    this.text = text;
    this.online = online;
    this.kLow = kLow;
    this.kHigh = kHigh;
  }

  @Override
  public List<Detection> detect(double[] values, int from) {
    return online ? online(values, from) : batch(values, from);
  }

  private List<Detection> online(double[] values, int from) {
    List<Detection> out = Detectors.list();
    long n = 0;
    double mean = 0;
    double m2 = 0;
    for (int i = 0; i < values.length; i++) {
      double x = values[i];
      if (Double.isNaN(x)) {
        continue;
      }
      if (n >= 2) {
        double sd = Math.sqrt(m2 / n);
        Detection d = judge(i, x, mean, sd, n + " earlier values");
        if (d != null) {
          if (i >= from) {
            out.add(d);
          }
          continue; // an anomaly does not move the running mean
        }
      }
      n++;
      double delta = x - mean;
      mean += delta / n;
      m2 += delta * (x - mean);
    }
    return out;
  }

  private List<Detection> batch(double[] values, int from) {
    List<Detection> out = Detectors.list();
    long n = 0;
    double mean = 0;
    double m2 = 0;
    for (int i = 0; i < Math.min(from, values.length); i++) {
      if (!Double.isNaN(values[i])) {
        n++;
        double delta = values[i] - mean;
        mean += delta / n;
        m2 += delta * (values[i] - mean);
      }
    }
    if (n < 2) {
      return out;
    }
    double sd = Math.sqrt(m2 / (n - 1));
    for (int i = Math.max(from, 0); i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        Detection d = judge(i, values[i], mean, sd, n + " values before index " + from);
        if (d != null) {
          out.add(d);
        }
      }
    }
    return out;
  }

  private Detection judge(int i, double x, double mean, double sd, String basis) {
    double lower = mean - kLow * sd;
    double upper = mean + kHigh * sd;
    if (x >= lower && x <= upper) {
      return null;
    }
    return new Detection(i, x, lower, upper, text, "The value " + fmt(x) + " is "
        + (sd == 0 ? "not the constant " + fmt(mean) : fmt(Math.abs(x - mean) / sd) + " standard deviations "
            + (x > mean ? "above" : "below") + " the mean " + fmt(mean))
        + " of " + basis + "; expected " + fmt(lower) + " to " + fmt(upper) + ".");
  }

  @Override
  public String describe() {
    return text;
  }
}
