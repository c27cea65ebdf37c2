package io.beamline.monitor;

import io.beamline.core.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detectors, by name, as a configuration writes them (names and arguments follow Deequ's
 * strategies):
 *
 * <ul>
 *   <li>{@code absolute_change(MAX_DECREASE,MAX_INCREASE)}: the change from the previous value must
 *       stay in {@code [MAX_DECREASE, MAX_INCREASE]} (e.g. {@code absolute_change(-0.05,0.05)});
 *   <li>{@code relative_change(MIN_RATE,MAX_RATE)}: the value over the previous one must stay in
 *       {@code [MIN_RATE, MAX_RATE]} (e.g. {@code relative_change(0.8,1.25)});
 *   <li>{@code threshold(LOWER,UPPER)}: the value must stay in {@code [LOWER, UPPER]};
 *   <li>{@code online_normal(K_LOW,K_HIGH)}: within K standard deviations of the running mean of
 *       the earlier (non-anomalous) values; judged from the third value on;
 *   <li>{@code batch_normal(K_LOW,K_HIGH)}: within K sample standard deviations of the mean of
 *       every value before {@code from};
 *   <li>{@code holt_winters(PERIOD)}: within 1.96 residual standard deviations of an additive
 *       Holt-Winters forecast with the given season (7 for daily data with a weekly cycle, 52 for
 *       weekly data with a yearly one), fitted on the values before {@code from}; needs two seasons.
 * </ul>
 */
public final class Detectors {
  private static final Pattern CALL = Pattern.compile("\\s*([a-z_]+)\\s*\\(([^)]*)\\)\\s*");

  private Detectors() {}

  /**
   * Parses a detector.
   *
   * @throws InvalidParameterException naming the text, what was wrong, and the detectors there are
   */
  public static Detector parse(String text) {
    Matcher m = CALL.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new InvalidParameterException("Expected a detector like relative_change(0.8,1.25), got '" + text
          + "'; detectors: " + NAMES);
    }
    String name = m.group(1).toLowerCase(Locale.ROOT);
    double[] args = arguments(text, m.group(2));
    return switch (name) {
      case "absolute_change" -> new ChangeDetector(text.trim(), false, arg(text, args, 0, 2), arg(text, args, 1, 2));
      case "relative_change" -> new ChangeDetector(text.trim(), true, arg(text, args, 0, 2), arg(text, args, 1, 2));
      case "threshold" -> new ThresholdDetector(text.trim(), arg(text, args, 0, 2), arg(text, args, 1, 2));
      case "online_normal" -> new NormalDetector(text.trim(), true, arg(text, args, 0, 2), arg(text, args, 1, 2));
      case "batch_normal" -> new NormalDetector(text.trim(), false, arg(text, args, 0, 2), arg(text, args, 1, 2));
      case "holt_winters" -> new HoltWintersDetector(text.trim(), (int) arg(text, args, 0, 1));
      default -> throw new InvalidParameterException("Unknown detector '" + name + "' in '" + text
          + "'; detectors: " + NAMES);
    };
  }

  private static final List<String> NAMES = List.of("absolute_change(MAX_DECREASE,MAX_INCREASE)",
      "relative_change(MIN_RATE,MAX_RATE)", "threshold(LOWER,UPPER)", "online_normal(K_LOW,K_HIGH)",
      "batch_normal(K_LOW,K_HIGH)", "holt_winters(PERIOD)");

  private static double[] arguments(String text, String list) {
    if (list.isBlank()) {
      return new double[0];
    }
    String[] parts = list.split(",");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new InvalidParameterException("Detector '" + text + "': argument " + (i + 1) + " must be a number, got '"
            + parts[i].trim() + "'");
      }
    }
    return out;
  }

  private static double arg(String text, double[] args, int i, int count) {
    if (args.length != count) {
      throw new InvalidParameterException("Detector '" + text + "' takes " + count + " argument"
          + (count == 1 ? "" : "s") + ", got " + args.length);
    }
    return args[i];
  }

  /** The index of the last non-NaN value before {@code i}, or -1. */
  static int previous(double[] values, int i) {
    for (int j = i - 1; j >= 0; j--) {
      if (!Double.isNaN(values[j])) {
        return j;
      }
    }
    return -1;
  }

  /** Short decimal form for reasons. */
  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String text = String.format(Locale.ROOT, "%.4g", v);
    if (text.contains(".") && !text.contains("e")) {
      text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return text;
  }

  static List<Detection> list() {
    return new ArrayList<>();
  }
}
