package io.beamline.validator;

import io.beamline.core.anomalies.AnomalyType;
import io.beamline.core.anomalies.Reason;
import io.beamline.core.anomalies.Severity;
import io.beamline.core.schema.DatasetConstraints;
import io.beamline.core.schema.Feature;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaType;
import io.beamline.core.schema.StringDomain;
import io.beamline.core.statistics.CommonStatistics;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.StatisticsType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The checks of one feature's statistics against its schema entry, each giving anomaly reasons. */
final class SchemaChecks {
  /** Stages TFDV does not hold to presence constraints: the feature may legitimately be absent. */
  private static final Set<String> EXEMPT_STAGES = Set.of("PLANNED", "ALPHA", "DEBUG", "DEPRECATED");
  private static final int LISTED_VALUES = 10;

  private SchemaChecks() {}

  static List<Reason> missingFeature(Feature f) {
    if (!requiresPresence(f)) {
      return List.of();
    }
    return List.of(error(AnomalyType.SCHEMA_MISSING_COLUMN, "Column dropped",
        "The feature was present in fewer examples than expected: it is in the schema but not in the statistics."));
  }

  static Reason newColumn(FeatureNameStatistics s) {
    return error(AnomalyType.SCHEMA_NEW_COLUMN, "New column",
        "New column (column in data but not in schema): " + s.name() + " of type " + s.type() + ".");
  }

  static List<Reason> feature(Schema schema, Feature f, FeatureNameStatistics s, long numExamples) {
    List<Reason> out = new ArrayList<>();
    CommonStatistics c = s.commonStats();
    if (c.numNonMissing() == 0) {
      if (requiresPresence(f)) {
        out.add(error(AnomalyType.FEATURE_TYPE_NOT_PRESENT, "No examples contain the value",
            "The feature was present in no examples (of " + numExamples + ")."));
      }
      return out;
    }
    presence(f, c, numExamples, out);
    valueCounts(f, c, out);
    if (!typeMatches(f.type(), s.type())) {
      out.add(error(AnomalyType.UNEXPECTED_DATA_TYPE, "Unexpected data type",
          "Expected data of type " + f.type() + " but got " + s.type() + "."));
      return out;
    }
    schema.stringDomainOf(f).ifPresent(d -> stringDomain(f, d, s, out));
    if (f.intDomain() != null) {
      intDomain(f.intDomain(), s, out);
    }
    if (f.boolDomain() && s.numStats() != null && s.numStats().min() != null) {
      if (s.numStats().min() < 0) {
        out.add(error(AnomalyType.BOOL_TYPE_SMALL_INT, "Non-boolean values",
            "Integers (such as " + fmt(s.numStats().min()) + ") not in {0, 1}: converting an integer type to a"
                + " boolean value."));
      }
      if (s.numStats().max() > 1) {
        out.add(error(AnomalyType.BOOL_TYPE_BIG_INT, "Non-boolean values",
            "Integers (such as " + fmt(s.numStats().max()) + ") not in {0, 1}: converting an integer type to a"
                + " boolean value."));
      }
    }
    if (s.type() == StatisticsType.FLOAT && s.numStats() != null) {
      floatChecks(f.name(), f.floatDomain(), s.numStats(), out);
    }
    return out;
  }

  static List<Reason> dataset(Schema schema, DatasetFeatureStatistics stats) {
    List<Reason> out = new ArrayList<>();
    DatasetConstraints d = schema.datasetConstraints().orElse(null);
    if (d == null) {
      return out;
    }
    if (d.minExamplesCount() != null && stats.numExamples() < d.minExamplesCount()) {
      out.add(error(AnomalyType.DATASET_LOW_NUM_EXAMPLES, "Low num examples in dataset",
          "The dataset has " + stats.numExamples() + " examples, which is fewer than expected ("
              + d.minExamplesCount() + ")."));
    }
    if (d.maxExamplesCount() != null && stats.numExamples() > d.maxExamplesCount()) {
      out.add(error(AnomalyType.DATASET_HIGH_NUM_EXAMPLES, "High num examples in dataset",
          "The dataset has " + stats.numExamples() + " examples, which is more than expected ("
              + d.maxExamplesCount() + ")."));
    }
    return out;
  }

  private static boolean requiresPresence(Feature f) {
    if (f.lifecycleStage() != null && EXEMPT_STAGES.contains(f.lifecycleStage())) {
      return false;
    }
    return f.presence() != null
        && ((f.presence().minCount() != null && f.presence().minCount() > 0)
            || (f.presence().minFraction() != null && f.presence().minFraction() > 0));
  }

  private static void presence(Feature f, CommonStatistics c, long numExamples, List<Reason> out) {
    Feature.Presence p = f.presence();
    boolean fullShape = f.shapeDims() != null;
    double fraction = numExamples == 0 ? 1 : (double) c.numNonMissing() / numExamples;
    Double minFraction = p == null ? null : p.minFraction();
    if (fullShape && (minFraction == null || minFraction < 1)) {
      minFraction = 1.0; // A fixed shape means a value in every example.
    }
    if (minFraction != null && (fraction < minFraction || (minFraction >= 1 && c.numMissing() > 0))) {
      out.add(error(AnomalyType.FEATURE_TYPE_LOW_FRACTION_PRESENT, "Column dropped",
          "The feature was present in fewer examples than expected: minimum fraction = " + fmt(minFraction)
              + ", actual = " + fmt(fraction) + " (" + c.numNonMissing() + " of " + numExamples + ")."));
    }
    if (p != null && p.minCount() != null && c.numNonMissing() < p.minCount()) {
      out.add(error(AnomalyType.FEATURE_TYPE_LOW_NUMBER_PRESENT, "Column dropped",
          "The feature was present in fewer examples than expected: minimum count = " + p.minCount()
              + ", actual = " + c.numNonMissing() + "."));
    }
  }

  private static void valueCounts(Feature f, CommonStatistics c, List<Reason> out) {
    Long min = null;
    Long max = null;
    if (f.shapeDims() != null) {
      long size = 1;
      for (long d : f.shapeDims()) {
        size *= d;
      }
      min = size;
      max = size;
    } else if (f.valueCount() != null) {
      min = f.valueCount().min();
      max = f.valueCount().max();
    }
    if (min != null && c.minNumValues() < min) {
      out.add(error(AnomalyType.FEATURE_TYPE_LOW_NUMBER_VALUES, "Missing values",
          "Some examples have fewer values than expected: at least " + min + " expected, found an example with "
              + c.minNumValues() + "."));
    }
    if (max != null && c.maxNumValues() > max) {
      out.add(error(AnomalyType.FEATURE_TYPE_HIGH_NUMBER_VALUES, "Superfluous values",
          "Some examples have more values than expected: at most " + max + " expected, found an example with "
              + c.maxNumValues() + "."));
    }
  }

  private static boolean typeMatches(SchemaType expected, StatisticsType actual) {
    return switch (expected) {
      case INT -> actual == StatisticsType.INT;
      case FLOAT -> actual == StatisticsType.FLOAT;
      case BYTES -> actual == StatisticsType.STRING || actual == StatisticsType.BYTES;
      case STRUCT -> actual == StatisticsType.STRUCT;
      case TYPE_UNKNOWN -> true;
    };
  }

  private static void stringDomain(Feature f, StringDomain domain, FeatureNameStatistics s, List<Reason> out) {
    Map<String, Double> counts = Distributions.categorical(s).orElse(Map.of());
    if (s.stringStats() != null && s.stringStats().invalidUtf8Count() > 0) {
      out.add(error(AnomalyType.ENUM_TYPE_INVALID_UTF8, "Invalid UTF-8",
          s.stringStats().invalidUtf8Count() + " values are not valid UTF-8 and cannot be in the domain."));
    }
    Set<String> allowed = new HashSet<>(domain.values());
    Map<String, Double> unexpected = new LinkedHashMap<>();
    double total = 0;
    double outside = 0;
    for (Map.Entry<String, Double> e : counts.entrySet()) {
      total += e.getValue();
      if (!allowed.contains(e.getKey())) {
        unexpected.put(e.getKey(), e.getValue());
        outside += e.getValue();
      }
    }
    if (unexpected.isEmpty()) {
      return;
    }
    // The counts list every value unless the statistics truncated them; then the total is all values.
    double denominator = Math.max(total, s.commonStats().totNumValues());
    double fraction = denominator == 0 ? 0 : outside / denominator;
    double minMass = f.minDomainMass() == null ? 1.0 : f.minDomainMass();
    if (fraction > 1 - minMass || (minMass >= 1 && outside > 0)) {
      out.add(error(AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES, "Unexpected string values",
          "Examples contain values missing from the schema: " + listed(unexpected) + ". These make "
              + fmt(100 * fraction) + "% of the values; the schema allows " + fmt(100 * (1 - minMass)) + "%."));
    }
  }

  private static void intDomain(Feature.IntDomain d, FeatureNameStatistics s, List<Reason> out) {
    NumericStatistics num = s.numStats();
    // Categorical ints carry string statistics: their labels name the exact values out of range,
    // which TFDV does not check (it reads only num_stats).
    Map<String, Double> small = new TreeMap<>();
    Map<String, Double> big = new TreeMap<>();
    Distributions.categorical(s).ifPresent(counts -> counts.forEach((label, count) -> {
      try {
        long v = Long.parseLong(label);
        if (d.min() != null && v < d.min()) {
          small.put(label, count);
        } else if (d.max() != null && v > d.max()) {
          big.put(label, count);
        }
      } catch (NumberFormatException e) {
        out.add(error(AnomalyType.INT_TYPE_NOT_INT_STRING, "Non-integer values",
            "The value '" + label + "' is not an integer."));
      }
    }));
    Double min = num == null ? null : num.min();
    Double max = num == null ? null : num.max();
    if (d.min() != null && (!small.isEmpty() || (min != null && min < d.min()))) {
      out.add(error(AnomalyType.INT_TYPE_SMALL_INT, "Out-of-range values",
          "Unexpectedly small value: " + (small.isEmpty() ? fmt(min) : listed(small)) + " below the domain minimum "
              + d.min() + (d.isCategorical() ? " (categorical ids outside the domain)." : ".")));
    }
    if (d.max() != null && (!big.isEmpty() || (max != null && max > d.max()))) {
      out.add(error(AnomalyType.INT_TYPE_BIG_INT, "Out-of-range values",
          "Unexpectedly large value: " + (big.isEmpty() ? fmt(max) : listed(big)) + " above the domain maximum "
              + d.max() + (d.isCategorical() ? " (categorical ids outside the domain)." : ".")));
    }
  }

  private static void floatChecks(String name, Feature.FloatDomain d, NumericStatistics num, List<Reason> out) {
    if (d != null && d.min() != null && num.min() != null && num.min() < d.min()) {
      out.add(error(AnomalyType.FLOAT_TYPE_SMALL_FLOAT, "Out-of-range values",
          "Unexpectedly low values: " + fmt(num.min()) + " < " + fmt(d.min()) + " (the float_domain minimum)."));
    }
    if (d != null && d.max() != null && num.max() != null && num.max() > d.max()) {
      out.add(error(AnomalyType.FLOAT_TYPE_BIG_FLOAT, "Out-of-range values",
          "Unexpectedly high values: " + fmt(num.max()) + " > " + fmt(d.max()) + " (the float_domain maximum)."));
    }
    // Unlike TFDV, NaN and infinities are anomalies unless the schema allows them explicitly
    // (disallow_nan: false / disallow_inf: false): they usually mean a broken upstream computation.
    boolean nanAllowed = d != null && Boolean.FALSE.equals(d.disallowNan());
    boolean infAllowed = d != null && Boolean.FALSE.equals(d.disallowInf());
    if (!nanAllowed && num.numNan() > 0) {
      out.add(error(AnomalyType.FLOAT_TYPE_HAS_NAN, "Invalid values",
          "Feature '" + name + "': " + num.numNan() + " values are NaN; allow them with float_domain {"
              + " disallow_nan: false }."));
    }
    long inf = num.numPosInf() + num.numNegInf();
    if (!infAllowed && inf > 0) {
      out.add(error(AnomalyType.FLOAT_TYPE_HAS_INF, "Invalid values",
          "Feature '" + name + "': " + inf + " values are infinite (" + num.numPosInf() + " +inf, " + num.numNegInf()
              + " -inf); allow them with float_domain { disallow_inf: false }."));
    }
  }

  private static String listed(Map<String, Double> counts) {
    List<String> parts = new ArrayList<>();
    counts.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(LISTED_VALUES)
        .forEach(e -> parts.add("'" + e.getKey() + "' (" + fmt(e.getValue()) + ")"));
    String more = counts.size() > LISTED_VALUES ? " and " + (counts.size() - LISTED_VALUES) + " more" : "";
    return String.join(", ", parts) + more;
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(java.util.Locale.ROOT, "%.6g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  static Reason error(AnomalyType type, String shortDescription, String description) {
    return new Reason(type, Severity.ERROR, shortDescription, description);
  }
}
