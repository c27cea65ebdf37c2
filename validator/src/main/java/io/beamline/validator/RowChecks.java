package io.beamline.validator;

import com.google.protobuf.ByteString;
import io.beamline.core.anomalies.AnomalyType;
import io.beamline.core.schema.Feature;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaType;
import io.beamline.core.schema.StringDomain;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.proto.Example;

/**
 * One example against the schema: the row-level counterpart of {@link SchemaChecks}, with the same
 * rules so that a row listed here is one that made the statistics-level check fail. At most one
 * {@link RowAnomaly} per (feature, anomaly type) and example, listing every offending value.
 *
 * <p>Not checked per row: features the schema does not know ({@code SCHEMA_NEW_COLUMN}, a property of
 * the data set that would flag every row) and {@code min_count} presence (a data-set total).
 * {@code min_domain_mass} is a data-set share too: every out-of-domain value is listed.
 */
final class RowChecks {
  private static final Set<String> EXEMPT_STAGES = Set.of("PLANNED", "ALPHA", "DEBUG", "DEPRECATED");

  private final Schema schema;
  private final List<Feature> features;

  RowChecks(Schema schema, String environment) {
    this.schema = schema;
    String env = environment == null || environment.isEmpty() ? null : environment;
    this.features = schema.features().stream().filter(f -> schema.inEnvironment(f, env)).toList();
  }

  /** The anomalies of one example, in schema feature order. */
  List<RowAnomaly> check(Example example, String split, String file, long record) {
    List<RowAnomaly> out = new ArrayList<>();
    var present = example.getFeatures().getFeatureMap();
    for (Feature f : features) {
      org.tensorflow.proto.Feature value = present.get(f.name());
      Sink sink = (type, detail, values) -> out.add(new RowAnomaly(split, file, record, f.name(), type, detail,
          values));
      if (value == null) {
        if (required(f)) {
          sink.add(AnomalyType.FEATURE_TYPE_LOW_FRACTION_PRESENT, "The feature is missing, but the schema requires"
              + " it in every example (" + (f.shapeDims() != null ? "shape" : "presence.min_fraction: 1") + ").",
              List.of());
        }
        continue;
      }
      checkFeature(f, value, sink);
    }
    return out;
  }

  private interface Sink {
    void add(AnomalyType type, String detail, List<String> values);
  }

  private void checkFeature(Feature f, org.tensorflow.proto.Feature value, Sink sink) {
    List<String> shown = shown(value);
    int n = count(value);
    SchemaType actual = switch (value.getKindCase()) {
      case INT64_LIST -> SchemaType.INT;
      case FLOAT_LIST -> SchemaType.FLOAT;
      case BYTES_LIST -> SchemaType.BYTES;
      default -> null; // No kind set: present with no values, of no type.
    };
    boolean typed = f.type() == SchemaType.INT || f.type() == SchemaType.FLOAT || f.type() == SchemaType.BYTES;
    if (actual != null && typed && actual != f.type()) {
      sink.add(AnomalyType.UNEXPECTED_DATA_TYPE, "Expected " + f.type() + " values, found " + actual + ".", shown);
      return; // Domains of the expected type say nothing about values of another type.
    }
    valueCount(f, n, shown, sink);
    switch (value.getKindCase()) {
      case INT64_LIST -> ints(f, value.getInt64List().getValueList(), shown, sink);
      case FLOAT_LIST -> floats(f, value.getFloatList().getValueList(), shown, sink);
      case BYTES_LIST -> strings(f, value.getBytesList().getValueList(), shown, sink);
      default -> { }
    }
  }

  private static boolean required(Feature f) {
    if (f.lifecycleStage() != null && EXEMPT_STAGES.contains(f.lifecycleStage())) {
      return false;
    }
    return f.shapeDims() != null || (f.presence() != null && f.presence().minFraction() != null
        && f.presence().minFraction() >= 1);
  }

  private static void valueCount(Feature f, int n, List<String> shown, Sink sink) {
    Long min = null;
    Long max = null;
    String rule;
    if (f.shapeDims() != null) {
      long size = 1;
      for (long d : f.shapeDims()) {
        size *= d;
      }
      min = size;
      max = size;
      rule = "shape " + f.shapeDims();
    } else if (f.valueCount() != null) {
      min = f.valueCount().min();
      max = f.valueCount().max();
      rule = "value_count [" + (min == null ? "" : min) + ", " + (max == null ? "" : max) + "]";
    } else {
      return;
    }
    if (min != null && n < min) {
      sink.add(AnomalyType.FEATURE_TYPE_LOW_NUMBER_VALUES, "Has " + n + " values; " + rule + " requires at least "
          + min + ".", shown);
    }
    if (max != null && n > max) {
      sink.add(AnomalyType.FEATURE_TYPE_HIGH_NUMBER_VALUES, "Has " + n + " values; " + rule + " allows at most "
          + max + ".", shown);
    }
  }

  private static void ints(Feature f, List<Long> values, List<String> shown, Sink sink) {
    if (f.boolDomain()) {
      bounds(values, 0L, 1L, AnomalyType.BOOL_TYPE_SMALL_INT, AnomalyType.BOOL_TYPE_BIG_INT, "bool_domain", shown,
          sink);
    }
    Feature.IntDomain d = f.intDomain();
    if (d != null) {
      bounds(values, d.min(), d.max(), AnomalyType.INT_TYPE_SMALL_INT, AnomalyType.INT_TYPE_BIG_INT,
          d.isCategorical() ? "categorical int_domain" : "int_domain", shown, sink);
    }
  }

  private static void bounds(List<Long> values, Long min, Long max, AnomalyType small, AnomalyType big,
      String domain, List<String> shown, Sink sink) {
    Set<Long> below = new LinkedHashSet<>();
    Set<Long> above = new LinkedHashSet<>();
    for (long v : values) {
      if (min != null && v < min) {
        below.add(v);
      } else if (max != null && v > max) {
        above.add(v);
      }
    }
    if (!below.isEmpty()) {
      sink.add(small, "Values " + below + " are below the " + domain + " minimum " + min + ".", shown);
    }
    if (!above.isEmpty()) {
      sink.add(big, "Values " + above + " are above the " + domain + " maximum " + max + ".", shown);
    }
  }

  private static void floats(Feature f, List<Float> values, List<String> shown, Sink sink) {
    Feature.FloatDomain d = f.floatDomain();
    // As SchemaChecks: NaN and infinities are anomalies unless the schema allows them explicitly.
    boolean nanAllowed = d != null && Boolean.FALSE.equals(d.disallowNan());
    boolean infAllowed = d != null && Boolean.FALSE.equals(d.disallowInf());
    int nan = 0;
    int inf = 0;
    Set<Float> below = new LinkedHashSet<>();
    Set<Float> above = new LinkedHashSet<>();
    for (float v : values) {
      if (Float.isNaN(v)) {
        nan++;
      } else {
        if (Float.isInfinite(v)) {
          inf++;
        }
        if (d != null && d.min() != null && v < d.min()) {
          below.add(v);
        } else if (d != null && d.max() != null && v > d.max()) {
          above.add(v);
        }
      }
    }
    if (nan > 0 && !nanAllowed) {
      sink.add(AnomalyType.FLOAT_TYPE_HAS_NAN, nan + " of " + values.size() + " values are NaN; allow them with"
          + " float_domain { disallow_nan: false }.", shown);
    }
    if (inf > 0 && !infAllowed) {
      sink.add(AnomalyType.FLOAT_TYPE_HAS_INF, inf + " of " + values.size() + " values are infinite; allow them with"
          + " float_domain { disallow_inf: false }.", shown);
    }
    if (!below.isEmpty()) {
      sink.add(AnomalyType.FLOAT_TYPE_SMALL_FLOAT, "Values " + below + " are below the float_domain minimum "
          + SchemaChecks.fmt(d.min()) + ".", shown);
    }
    if (!above.isEmpty()) {
      sink.add(AnomalyType.FLOAT_TYPE_BIG_FLOAT, "Values " + above + " are above the float_domain maximum "
          + SchemaChecks.fmt(d.max()) + ".", shown);
    }
  }

  private void strings(Feature f, List<ByteString> values, List<String> shown, Sink sink) {
    StringDomain domain = schema.stringDomainOf(f).orElse(null);
    if (domain == null) {
      return;
    }
    Set<String> allowed = new HashSet<>(domain.values());
    Set<String> unexpected = new LinkedHashSet<>();
    int invalid = 0;
    for (ByteString v : values) {
      if (!v.isValidUtf8()) {
        invalid++;
      } else if (!allowed.contains(v.toStringUtf8())) {
        unexpected.add(v.toStringUtf8());
      }
    }
    String name = domain.name().isEmpty() ? "the feature's string_domain" : "string_domain '" + domain.name() + "'";
    if (invalid > 0) {
      sink.add(AnomalyType.ENUM_TYPE_INVALID_UTF8, invalid + " values are not valid UTF-8, so not in " + name + ".",
          shown);
    }
    if (!unexpected.isEmpty()) {
      sink.add(AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES, "Values " + quoted(unexpected) + " are not in " + name
          + " (" + domain.values().size() + " values).", shown);
    }
  }

  private static String quoted(Set<String> values) {
    return values.stream().map(v -> "'" + v + "'").toList().toString();
  }

  private static int count(org.tensorflow.proto.Feature value) {
    return switch (value.getKindCase()) {
      case INT64_LIST -> value.getInt64List().getValueCount();
      case FLOAT_LIST -> value.getFloatList().getValueCount();
      case BYTES_LIST -> value.getBytesList().getValueCount();
      default -> 0;
    };
  }

  /** The first {@link RowAnomaly#MAX_VALUES} values as text. */
  static List<String> shown(org.tensorflow.proto.Feature value) {
    List<String> out = new ArrayList<>();
    switch (value.getKindCase()) {
      case INT64_LIST -> value.getInt64List().getValueList().stream().limit(RowAnomaly.MAX_VALUES)
          .forEach(v -> out.add(Long.toString(v)));
      case FLOAT_LIST -> value.getFloatList().getValueList().stream().limit(RowAnomaly.MAX_VALUES)
          .forEach(v -> out.add(Float.toString(v)));
      case BYTES_LIST -> value.getBytesList().getValueList().stream().limit(RowAnomaly.MAX_VALUES)
          .forEach(v -> out.add(v.isValidUtf8() ? v.toStringUtf8()
              : "base64:" + Base64.getEncoder().encodeToString(v.toByteArray())));
      default -> { }
    }
    return out;
  }
}
