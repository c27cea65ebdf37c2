package io.beamline.core.monitoring;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.StringStatistics;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Which number of a statistics data set a series follows, written {@code FEATURE:STATISTIC} or
 * {@code FEATURE:STATISTIC=ARGUMENT}: {@code fare:mean}, {@code fare:std_dev}, {@code fare:min},
 * {@code fare:max}, {@code fare:median}, {@code fare:quantile=0.9}, {@code fare:missing_fraction},
 * {@code payment_type:unique}, {@code payment_type:top_share=Cash} (that value's share of the
 * feature's values), {@code company:avg_length}, {@code fare:drift} (a distance to the previous
 * span, computed by whoever builds the series: it needs two data sets), and the data set's
 * {@code num_examples} (no feature).
 *
 * <p>A quantile is read from the QUANTILES histogram (equal-mass buckets whose edges are the
 * sketch's deciles), linear inside a bucket: exact at the deciles, an interpolation between them.
 *
 * @param feature the feature, or null for {@link Statistic#NUM_EXAMPLES}
 * @param statistic which statistic
 * @param argument the quantile's rank or the top value's label; null for the others
 */
public record StatisticRef(String feature, Statistic statistic, String argument) {
  /** The statistics a series can follow. */
  public enum Statistic {
    MEAN, STD_DEV, MIN, MAX, MEDIAN, QUANTILE, MISSING_FRACTION, UNIQUE, TOP_SHARE, AVG_LENGTH, DRIFT, NUM_EXAMPLES;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public StatisticRef {
    Objects.requireNonNull(statistic, "statistic");
    if ((feature == null) != (statistic == Statistic.NUM_EXAMPLES)) {
      throw new InvalidParameterException("num_examples takes no feature; every other statistic needs one");
    }
    boolean needsArgument = statistic == Statistic.QUANTILE || statistic == Statistic.TOP_SHARE;
    if (needsArgument != (argument != null)) {
      throw new InvalidParameterException("Statistic '" + statistic.label() + "' "
          + (needsArgument ? "needs an argument, e.g. fare:quantile=0.9 or payment_type:top_share=Cash"
              : "takes no argument, got '" + argument + "'"));
    }
    if (statistic == Statistic.QUANTILE) {
      double q = parseRank(argument);
      if (!(q >= 0 && q <= 1)) {
        throw new InvalidParameterException("A quantile's rank must be in [0, 1], got '" + argument + "'");
      }
    }
  }

  /**
   * Parses {@code FEATURE:STATISTIC[=ARGUMENT]} or {@code num_examples}.
   *
   * @throws InvalidParameterException naming the text and the statistics there are
   */
  public static StatisticRef parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.equals("num_examples")) {
      return new StatisticRef(null, Statistic.NUM_EXAMPLES, null);
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new InvalidParameterException("Expected FEATURE:STATISTIC (e.g. fare:mean) or num_examples, got '"
          + text + "'; statistics: " + labels());
    }
    String feature = text.substring(0, colon);
    String rest = text.substring(colon + 1);
    int eq = rest.indexOf('=');
    String name = eq < 0 ? rest : rest.substring(0, eq);
    String argument = eq < 0 ? null : rest.substring(eq + 1);
    Statistic statistic;
    try {
      statistic = Statistic.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("Unknown statistic '" + name + "' in '" + text + "'; statistics: " + labels());
    }
    if (statistic == Statistic.NUM_EXAMPLES) {
      throw new InvalidParameterException("num_examples is the data set's, written without a feature; got '" + text + "'");
    }
    return new StatisticRef(feature, statistic, argument);
  }

  private static String labels() {
    return java.util.Arrays.stream(Statistic.values()).map(Statistic::label).toList().toString();
  }

  private static double parseRank(String argument) {
    try {
      return Double.parseDouble(argument);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Whether the value compares two data sets (this span's with the previous one's). */
  public boolean isPairwise() {
    return statistic == Statistic.DRIFT;
  }

  /**
   * The value in {@code data}; empty when the data set does not have it (the feature is absent, or
   * has no numeric or string statistics of that kind).
   *
   * @throws IllegalStateException for {@link Statistic#DRIFT}, which needs two data sets
   */
  public OptionalDouble read(DatasetFeatureStatistics data) {
    if (statistic == Statistic.NUM_EXAMPLES) {
      return OptionalDouble.of(data.numExamples());
    }
    if (isPairwise()) {
      throw new IllegalStateException(this + " compares two data sets; it cannot be read from one");
    }
    return data.feature(feature).map(this::read).orElse(OptionalDouble.empty());
  }

  private OptionalDouble read(FeatureNameStatistics f) {
    NumericStatistics num = f.numStats();
    StringStatistics str = f.stringStats();
    long present = f.commonStats().numNonMissing();
    long total = present + f.commonStats().numMissing();
    return switch (statistic) {
      case MEAN -> num == null ? OptionalDouble.empty() : of(num.mean());
      case STD_DEV -> num == null ? OptionalDouble.empty() : of(num.stdDev());
      case MIN -> num == null ? OptionalDouble.empty() : of(num.min());
      case MAX -> num == null ? OptionalDouble.empty() : of(num.max());
      case MEDIAN -> num == null ? OptionalDouble.empty() : of(num.median());
      case QUANTILE -> num == null ? OptionalDouble.empty() : quantile(num, parseRank(argument));
      case MISSING_FRACTION -> total == 0 ? OptionalDouble.empty()
          : OptionalDouble.of((double) f.commonStats().numMissing() / total);
      case UNIQUE -> str == null ? OptionalDouble.empty() : OptionalDouble.of(str.unique());
      case TOP_SHARE -> str == null || f.commonStats().totNumValues() == 0 ? OptionalDouble.empty()
          : OptionalDouble.of(topFrequency(str) / f.commonStats().totNumValues());
      case AVG_LENGTH -> str == null ? OptionalDouble.empty() : OptionalDouble.of(str.avgLength());
      case DRIFT, NUM_EXAMPLES -> throw new IllegalStateException("handled above");
    };
  }

  /** The value's frequency among the top values or the rank histogram; 0 when it is in neither. */
  private double topFrequency(StringStatistics str) {
    for (var v : str.topValues()) {
      if (v.value().equals(argument)) {
        return v.frequency();
      }
    }
    for (var b : str.rankHistogram().buckets()) {
      if (b.label().equals(argument)) {
        return b.sampleCount();
      }
    }
    return 0;
  }

  /** The rank-{@code q} value of the QUANTILES histogram, linear inside its bucket. */
  static OptionalDouble quantile(NumericStatistics num, double q) {
    Histogram h = num.histogram(Histogram.Type.QUANTILES).orElse(null);
    if (h == null || h.buckets().isEmpty() || h.totalCount() == 0) {
      return OptionalDouble.empty();
    }
    double target = q * h.totalCount();
    double seen = 0;
    for (Histogram.Bucket b : h.buckets()) {
      if (seen + b.sampleCount() >= target && b.sampleCount() > 0) {
        double inside = (target - seen) / b.sampleCount();
        return OptionalDouble.of(b.lowValue() + inside * (b.highValue() - b.lowValue()));
      }
      seen += b.sampleCount();
    }
    return OptionalDouble.of(h.buckets().get(h.buckets().size() - 1).highValue());
  }

  private static OptionalDouble of(Double v) {
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  @Override
  public String toString() {
    if (statistic == Statistic.NUM_EXAMPLES) {
      return "num_examples";
    }
    return feature + ":" + statistic.label() + (argument == null ? "" : "=" + argument);
  }
}
