package io.beamline.monitor;

import static io.beamline.monitor.Detectors.fmt;

import io.beamline.core.InvalidParameterException;
import java.util.List;

/**
 * Additive Holt-Winters (level, trend, one season of {@code period} values), as Deequ's
 * {@code HoltWinters} strategy: fitted on the values before {@code from}, it forecasts each judged
 * point ({@code h} steps after the history: level + h * trend + that point's seasonal term), and a
 * point more than 1.96 residual standard deviations (the one-step errors of the fit) from its
 * forecast is anomalous.
 *
 * <p>Fitting: the smoothing factors alpha, beta, gamma are chosen by a grid search over 0.05 to
 * 0.95 (step 0.1) for the least sum of squared one-step errors, written by hand because the search
 * space is 1,000 points of a three-line recurrence (Deequ uses a general optimizer for the same
 * thing). Start: level = mean of the first season, trend = difference of the first two seasons'
 * means over the period, seasonal terms = the first season minus its mean. A NaN value is replaced
 * by its one-step forecast.
 */
final class HoltWintersDetector implements Detector {
  /** Two-sided 95% normal quantile. */
  static final double Z = 1.96;
  private static final double[] GRID = {0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95};

  private final String text;
  private final int period;

  HoltWintersDetector(String text, int period) {
    if (period < 2) {
      throw new InvalidParameterException("Detector '" + text + "': the season needs a period of at least 2, got "
          + period);
    }
    this.text = text;
    this.period = period;
  }

  /** The fitted state after the history: level, trend, seasonal terms by index mod period, error SD. */
  record Fit(double alpha, double beta, double gamma, double level, double trend, double[] season, double sd) {}

  @Override
  public List<Detection> detect(double[] values, int from) {
    List<Detection> out = Detectors.list();
    int t = Math.min(from, values.length);
    if (t < 2 * period) {
      return out; // too little history for a season: nothing can be judged
    }
    Fit fit = fit(values, t);
    for (int i = t; i < values.length; i++) {
      double x = values[i];
      if (Double.isNaN(x)) {
        continue;
      }
      int h = i - t + 1;
      double forecast = fit.level() + h * fit.trend() + fit.season()[i % period];
      double lower = forecast - Z * fit.sd();
      double upper = forecast + Z * fit.sd();
      if (x < lower || x > upper) {
        out.add(new Detection(i, x, lower, upper, text, "The value " + fmt(x) + " is outside the Holt-Winters"
            + " forecast " + fmt(forecast) + " +/- 1.96 x " + fmt(fit.sd()) + " (residual SD; period " + period
            + ", alpha " + fmt(fit.alpha()) + ", beta " + fmt(fit.beta()) + ", gamma " + fmt(fit.gamma())
            + ", fitted on " + t + " values); expected " + fmt(lower) + " to " + fmt(upper) + "."));
      }
    }
    return out;
  }

  /** The best fit on {@code values[0..t)}. */
  Fit fit(double[] values, int t) {
    Fit best = null;
    for (double a : GRID) {
      for (double b : GRID) {
        for (double g : GRID) {
          Fit f = run(values, t, a, b, g);
          if (best == null || f.sd() < best.sd()) {
            best = f;
          }
        }
      }
    }
    return best;
  }

  private Fit run(double[] values, int t, double alpha, double beta, double gamma) {
    double first = mean(values, 0, period);
    double level = first;
    double trend = (mean(values, period, 2 * period) - first) / period;
    double[] season = new double[period];
    for (int i = 0; i < period; i++) {
      season[i] = (Double.isNaN(values[i]) ? first : values[i]) - first;
    }
    double sse = 0;
    int n = 0;
    for (int i = period; i < t; i++) {
      int s = i % period;
      double forecast = level + trend + season[s];
      double x = Double.isNaN(values[i]) ? forecast : values[i];
      sse += (x - forecast) * (x - forecast);
      n++;
      double nextLevel = alpha * (x - season[s]) + (1 - alpha) * (level + trend);
      trend = beta * (nextLevel - level) + (1 - beta) * trend;
      season[s] = gamma * (x - nextLevel) + (1 - gamma) * season[s];
      level = nextLevel;
    }
    return new Fit(alpha, beta, gamma, level, trend, season, Math.sqrt(sse / n));
  }

  private static double mean(double[] values, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int i = from; i < to; i++) {
      if (!Double.isNaN(values[i])) {
        sum += values[i];
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  @Override
  public String describe() {
    return text;
  }
}
