package io.beamline.statsgen;

import io.beamline.core.InvalidInputException;
import io.beamline.core.examples.FeatureType;
import io.beamline.core.statistics.CommonStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.FeatureSketches;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.StatisticsType;
import io.beamline.core.statistics.WeightedCommonStatistics;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;
import io.beamline.io.columns.ValueSink;

/**
 * Mergeable state of one feature: presence and values-per-example counts (exact, plus a KLL sketch
 * of the counts for {@code num_values_histogram}), and the values' numeric or string state. A
 * feature that is INT in some batches and FLOAT in others is FLOAT (INT values are widened); INT or
 * FLOAT against BYTES is an error naming the feature. With a weight feature, the weights of the
 * examples where the feature is present and the weighted number of values are exact sums too.
 *
 * <p>The one {@link ValueSink} of statistics: every batch format's columns push their values here
 * ({@link DatasetAccumulator#add}), so those calls stay monomorphic in the columns' loops.
 */
final class FeatureAccumulator implements ValueSink {
  private final String name;
  private FeatureType type;
  private long nonMissing;
  private long minValues = Long.MAX_VALUE;
  private long maxValues;
  private long totValues;
  private final ValueCounts valueCounts;
  private NumericAccumulator numeric;
  private StringAccumulator strings;
  /** Weight of the examples where the feature is present; null when unweighted. */
  private ExactSum weightedNonMissing;
  /** Sum of weight times number of values; null when unweighted. */
  private ExactSum weightedTotValues;

  private FeatureAccumulator(String name, FeatureType type, ValueCounts valueCounts, boolean weighted) {
    this.name = name;
    this.type = type;
    this.valueCounts = valueCounts;
    if (weighted) {
      weightedNonMissing = new ExactSum();
      weightedTotValues = new ExactSum();
    }
  }

  static FeatureAccumulator create(String name, FeatureType type, StatisticsOptions options) {
    boolean weighted = options.weightFeature() != null;
    FeatureAccumulator a = new FeatureAccumulator(name, type, new ValueCounts(), weighted);
    if (type != FeatureType.BYTES) {
      a.numeric = new NumericAccumulator(name, weighted);
    }
    if (type == FeatureType.BYTES || (type == FeatureType.INT && options.categoricalFeatures().contains(name))) {
      a.strings = new StringAccumulator(options.cardinalityBound(), weighted);
    }
    return a;
  }

  String name() {
    return name;
  }

  FeatureType type() {
    return type;
  }

  /** Accepts values of {@code other} type from now on, or fails when the types cannot mix. */
  void acceptType(FeatureType other) {
    if (other == type) {
      return;
    }
    if (type == FeatureType.BYTES || other == FeatureType.BYTES) {
      throw new InvalidInputException("Feature '" + name + "' has " + type + " values in some examples and "
          + other + " values in others; a feature holds either numbers (INT, FLOAT) or BYTES");
    }
    type = type.widen(other);
  }

  /** Records one example where the feature is present with {@code n} values. */
  void present(int n) {
    nonMissing++;
    minValues = Math.min(minValues, n);
    maxValues = Math.max(maxValues, n);
    totValues += n;
    valueCounts.add(n, 1);
  }

  /** Records {@code examples} unweighted examples where the feature is present with one value each. */
  @Override
  public void presentOnes(long examples) {
    if (examples == 0) {
      return;
    }
    nonMissing += examples;
    minValues = Math.min(minValues, 1);
    maxValues = Math.max(maxValues, 1);
    totValues += examples;
    valueCounts.add(1, examples);
  }

  /** Records one example of weight {@code w} where the feature is present with one value. */
  @Override
  public void presentOne(double w) {
    presentOnes(1);
    if (weightedNonMissing != null) {
      weightedNonMissing.add(w);
      weightedTotValues.add(w);
    }
  }

  /** Records one example of weight {@code w} where the feature is present with {@code n} values. */
  @Override
  public void present(int n, double w) {
    present(n);
    if (weightedNonMissing != null) {
      weightedNonMissing.add(w);
      weightedTotValues.addProduct(w, n);
    }
  }

  /** An INT value; also a string value (its decimal form) when the feature is categorical. */
  @Override
  public void addLong(long v, double w) {
    numeric.addLong(v, w);
    if (strings != null) {
      strings.addAscii(Long.toString(v), w);
    }
  }

  @Override
  public void addFloat(float v, double w) {
    numeric.add(v, w);
  }

  @Override
  public void addBytes(byte[] v, double w) {
    strings.add(v, w);
  }

  @Override
  public void addAscii(String v, double w) {
    strings.addAscii(v, w);
  }

  NumericAccumulator numeric() {
    return numeric;
  }

  /** The string state, or null for numeric features that are not categorical. */
  StringAccumulator strings() {
    return strings;
  }

  void merge(FeatureAccumulator other) {
    acceptType(other.type);
    nonMissing += other.nonMissing;
    minValues = Math.min(minValues, other.minValues);
    maxValues = Math.max(maxValues, other.maxValues);
    totValues += other.totValues;
    valueCounts.merge(other.valueCounts);
    if (other.weightedNonMissing != null) {
      weightedNonMissing.add(other.weightedNonMissing);
      weightedTotValues.add(other.weightedTotValues);
    }
    if (other.numeric != null) {
      numeric.merge(other.numeric);
    }
    // Both sides have string state unless one is FLOAT, and a FLOAT feature reports none.
    if (other.strings != null && strings != null) {
      strings.merge(other.strings);
    }
  }

  /**
   * The statistics, given the data set's example count and total weight ({@code weightedExamples},
   * null when unweighted).
   */
  FeatureNameStatistics toStatistics(long numExamples, BigDecimal weightedExamples, StatisticsOptions options) {
    double avg = nonMissing == 0 ? 0 : (double) totValues / nonMissing;
    Histogram counts = Quantiles.quantilesHistogram(valueCounts.sketch(),
        nonMissing == 0 ? 0 : minValues, maxValues, 0);
    CommonStatistics common = new CommonStatistics(nonMissing, numExamples - nonMissing,
        nonMissing == 0 ? 0 : minValues, maxValues, avg, totValues, counts, weightedCommon(weightedExamples));
    var stringStats = strings == null || type == FeatureType.FLOAT ? null
        : strings.toStatistics(options.topK(), options.rankHistogramBuckets());
    StatisticsType reported = switch (type) {
      case INT -> StatisticsType.INT;
      case FLOAT -> StatisticsType.FLOAT;
      case BYTES -> stringStats.invalidUtf8Count() > 0 ? StatisticsType.BYTES : StatisticsType.STRING;
    };
    return new FeatureNameStatistics(name, reported, common,
        numeric == null ? null : numeric.toStatistics(), stringStats);
  }

  /**
   * The sketch kept beside the statistics: the string counts for BYTES and categorical INT
   * features, the numeric distribution for the others; null when the feature has no value.
   */
  FeatureSketches.FeatureSketch toSketch() {
    if (strings != null && type != FeatureType.FLOAT) {
      return strings.toSketch(name);
    }
    return numeric == null ? null : numeric.toSketch(name);
  }

  private WeightedCommonStatistics weightedCommon(BigDecimal weightedExamples) {
    if (weightedNonMissing == null) {
      return null;
    }
    BigDecimal present = weightedNonMissing.exact();
    BigDecimal tot = weightedTotValues.exact();
    double avg = present.signum() == 0 ? 0 : tot.divide(present, MathContext.DECIMAL128).doubleValue();
    return new WeightedCommonStatistics(present.doubleValue(),
        weightedExamples.subtract(present).max(BigDecimal.ZERO).doubleValue(), avg, tot.doubleValue());
  }

  void encode(DataOutputStream out) throws IOException {
    Codecs.writeString(out, name);
    out.writeByte(type.ordinal());
    out.writeLong(nonMissing);
    out.writeLong(minValues);
    out.writeLong(maxValues);
    out.writeLong(totValues);
    valueCounts.encode(out);
    out.writeBoolean(weightedNonMissing != null);
    if (weightedNonMissing != null) {
      weightedNonMissing.encode(out);
      weightedTotValues.encode(out);
    }
    out.writeBoolean(numeric != null);
    if (numeric != null) {
      numeric.encode(out);
    }
    out.writeBoolean(strings != null);
    if (strings != null) {
      strings.encode(out);
    }
  }

  static FeatureAccumulator decode(DataInputStream in, StatisticsOptions options) throws IOException {
    String name = Codecs.readString(in);
    FeatureType type = FeatureType.values()[in.readByte()];
    long nonMissing = in.readLong();
    long minValues = in.readLong();
    long maxValues = in.readLong();
    long totValues = in.readLong();
    ValueCounts counts = ValueCounts.decode(in);
    boolean weighted = in.readBoolean();
    FeatureAccumulator a = new FeatureAccumulator(name, type, counts, false);
    if (weighted) {
      a.weightedNonMissing = ExactSum.decode(in);
      a.weightedTotValues = ExactSum.decode(in);
    }
    a.nonMissing = nonMissing;
    a.minValues = minValues;
    a.maxValues = maxValues;
    a.totValues = totValues;
    a.numeric = in.readBoolean() ? NumericAccumulator.decode(in, name) : null;
    a.strings = in.readBoolean() ? StringAccumulator.decode(in, options.cardinalityBound()) : null;
    return a;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureAccumulator a && name.equals(a.name) && type == a.type
        && nonMissing == a.nonMissing && minValues == a.minValues && maxValues == a.maxValues
        && totValues == a.totValues && valueCounts.equals(a.valueCounts)
        && Objects.equals(weightedNonMissing, a.weightedNonMissing)
        && Objects.equals(weightedTotValues, a.weightedTotValues)
        && Objects.equals(numeric, a.numeric) && Objects.equals(strings, a.strings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, nonMissing, totValues);
  }

  @Override
  public String toString() {
    return "Feature{" + name + " " + type + ", present=" + nonMissing + ", values=" + totValues
        + (numeric != null ? ", " + numeric : "") + (strings != null ? ", " + strings : "") + "}";
  }
}
