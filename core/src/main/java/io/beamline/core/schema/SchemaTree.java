package io.beamline.core.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts between the text-format tree and the typed views. Reading tolerates every field it does
 * not know; writing emits fields in schema.proto field-number order, which is the order protobuf's
 * text printer (and so TFX) uses.
 */
final class SchemaTree {
  private SchemaTree() {}

  static Feature feature(TextMessage m) {
    String name = m.string("name").orElseThrow(() -> new IllegalArgumentException("a feature has no name"));
    try {
      SchemaType type = m.literal("type").map(t -> enumValue(SchemaType.class, "type", t))
          .orElse(SchemaType.TYPE_UNKNOWN);
      Feature.Presence presence = m.message("presence").map(p -> new Feature.Presence(
          p.literal("min_fraction").map(v -> number("presence.min_fraction", v)).orElse(null),
          p.literal("min_count").map(v -> integer("presence.min_count", v)).orElse(null))).orElse(null);
      List<Long> dims = m.message("shape").map(s -> s.messages("dim").stream()
          .map(d -> d.literal("size").map(v -> integer("shape.dim.size", v)).orElse(-1L)).toList()).orElse(null);
      Feature.ValueCount valueCount = m.message("value_count").map(v -> new Feature.ValueCount(
          v.literal("min").map(x -> integer("value_count.min", x)).orElse(null),
          v.literal("max").map(x -> integer("value_count.max", x)).orElse(null))).orElse(null);
      Feature.IntDomain intDomain = m.message("int_domain").map(SchemaTree::intDomain).orElse(null);
      Feature.FloatDomain floatDomain = m.message("float_domain").map(SchemaTree::floatDomain).orElse(null);
      StringDomain stringDomain = m.message("string_domain").map(SchemaTree::stringDomain).orElse(null);
      Double minDomainMass = m.message("distribution_constraints")
          .flatMap(d -> d.literal("min_domain_mass")).map(v -> number("min_domain_mass", v)).orElse(null);
      return new Feature(name, type, presence, dims, valueCount, m.string("domain").orElse(null), intDomain,
          floatDomain, stringDomain, m.has("bool_domain"), minDomainMass,
          m.message("drift_comparator").map(SchemaTree::comparator).orElse(null),
          m.message("skew_comparator").map(SchemaTree::comparator).orElse(null),
          m.strings("in_environment"), m.strings("not_in_environment"),
          m.literal("lifecycle_stage").orElse(null));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("feature '" + name + "': " + e.getMessage(), e);
    }
  }

  static Feature.IntDomain intDomain(TextMessage d) {
    return new Feature.IntDomain(d.string("name").orElse(""),
        d.literal("min").map(v -> integer("int_domain.min", v)).orElse(null),
        d.literal("max").map(v -> integer("int_domain.max", v)).orElse(null),
        d.literal("is_categorical").map(v -> bool("int_domain.is_categorical", v)).orElse(false));
  }

  static Feature.FloatDomain floatDomain(TextMessage d) {
    return new Feature.FloatDomain(d.string("name").orElse(""),
        d.literal("min").map(v -> number("float_domain.min", v)).orElse(null),
        d.literal("max").map(v -> number("float_domain.max", v)).orElse(null),
        d.literal("disallow_nan").map(v -> bool("float_domain.disallow_nan", v)).orElse(null),
        d.literal("disallow_inf").map(v -> bool("float_domain.disallow_inf", v)).orElse(null));
  }

  static StringDomain stringDomain(TextMessage d) {
    return new StringDomain(d.string("name").orElse(""), d.strings("value"));
  }

  static DatasetConstraints datasetConstraints(TextMessage d) {
    Optional<TextMessage> drift = d.message("num_examples_drift_comparator");
    return new DatasetConstraints(
        drift.flatMap(c -> c.literal("min_fraction_threshold")).map(v -> number("min_fraction_threshold", v))
            .orElse(null),
        drift.flatMap(c -> c.literal("max_fraction_threshold")).map(v -> number("max_fraction_threshold", v))
            .orElse(null),
        d.literal("min_examples_count").map(v -> integer("min_examples_count", v)).orElse(null),
        d.literal("max_examples_count").map(v -> integer("max_examples_count", v)).orElse(null));
  }

  private static Feature.Comparator comparator(TextMessage c) {
    return new Feature.Comparator(threshold(c, "infinity_norm"), threshold(c, "jensen_shannon_divergence"),
        threshold(c, "normalized_abs_difference"));
  }

  private static Double threshold(TextMessage c, String name) {
    return c.message(name).flatMap(t -> t.literal("threshold")).map(v -> number(name + ".threshold", v))
        .orElse(null);
  }

  /** A feature as TFX writes it: fields in schema.proto field-number order. */
  static TextMessage toText(Feature f) {
    List<TextField> out = new ArrayList<>();
    out.add(TextField.quoted("name", f.name()));                               // 1
    if (f.valueCount() != null) {                                              // 5
      List<TextField> vc = new ArrayList<>();
      optional(vc, "min", f.valueCount().min());
      optional(vc, "max", f.valueCount().max());
      out.add(TextField.of("value_count", TextMessage.of(vc)));
    }
    if (f.type() != SchemaType.TYPE_UNKNOWN) {                                 // 6
      out.add(TextField.literal("type", f.type().name()));
    }
    if (f.domain() != null) {                                                  // 7
      out.add(TextField.quoted("domain", f.domain()));
    }
    if (f.intDomain() != null) {                                               // 9
      Feature.IntDomain d = f.intDomain();
      List<TextField> fields = new ArrayList<>();
      if (!d.name().isEmpty()) {
        fields.add(TextField.quoted("name", d.name()));
      }
      optional(fields, "min", d.min());
      optional(fields, "max", d.max());
      if (d.isCategorical()) {
        fields.add(TextField.literal("is_categorical", "true"));
      }
      out.add(TextField.of("int_domain", TextMessage.of(fields)));
    }
    if (f.floatDomain() != null) {                                             // 10
      Feature.FloatDomain d = f.floatDomain();
      List<TextField> fields = new ArrayList<>();
      if (!d.name().isEmpty()) {
        fields.add(TextField.quoted("name", d.name()));
      }
      optional(fields, "min", d.min());
      optional(fields, "max", d.max());
      optional(fields, "disallow_nan", d.disallowNan());
      optional(fields, "disallow_inf", d.disallowInf());
      out.add(TextField.of("float_domain", TextMessage.of(fields)));
    }
    if (f.stringDomain() != null) {                                            // 11
      out.add(TextField.of("string_domain", toText(f.stringDomain())));
    }
    if (f.boolDomain()) {                                                      // 13
      out.add(TextField.of("bool_domain", TextMessage.empty()));
    }
    if (f.presence() != null) {                                                // 14
      List<TextField> p = new ArrayList<>();
      optional(p, "min_fraction", f.presence().minFraction());
      optional(p, "min_count", f.presence().minCount());
      out.add(TextField.of("presence", TextMessage.of(p)));
    }
    if (f.minDomainMass() != null) {                                           // 15
      out.add(TextField.of("distribution_constraints",
          TextMessage.of(List.of(TextField.literal("min_domain_mass", formatDouble(f.minDomainMass()))))));
    }
    if (f.skewComparator() != null) {                                          // 18
      out.add(TextField.of("skew_comparator", toText(f.skewComparator())));
    }
    for (String env : f.notInEnvironment()) {                                  // 19
      out.add(TextField.quoted("not_in_environment", env));
    }
    for (String env : f.inEnvironment()) {                                     // 20
      out.add(TextField.quoted("in_environment", env));
    }
    if (f.driftComparator() != null) {                                         // 21
      out.add(TextField.of("drift_comparator", toText(f.driftComparator())));
    }
    if (f.lifecycleStage() != null) {                                          // 22
      out.add(TextField.literal("lifecycle_stage", f.lifecycleStage()));
    }
    if (f.shapeDims() != null) {                                               // 23
      List<TextField> dims = new ArrayList<>();
      for (long size : f.shapeDims()) {
        dims.add(TextField.of("dim", TextMessage.of(List.of(TextField.literal("size", Long.toString(size))))));
      }
      out.add(TextField.of("shape", TextMessage.of(dims)));
    }
    return TextMessage.of(out);
  }

  static TextMessage toText(StringDomain d) {
    List<TextField> fields = new ArrayList<>();
    if (!d.name().isEmpty()) {
      fields.add(TextField.quoted("name", d.name()));
    }
    for (String v : d.values()) {
      fields.add(TextField.quoted("value", v));
    }
    return TextMessage.of(fields);
  }

  private static TextMessage toText(Feature.Comparator c) {
    List<TextField> fields = new ArrayList<>();
    thresholdField(fields, "infinity_norm", c.infinityNorm());
    thresholdField(fields, "jensen_shannon_divergence", c.jensenShannonDivergence());
    thresholdField(fields, "normalized_abs_difference", c.normalizedAbsDifference());
    return TextMessage.of(fields);
  }

  private static void thresholdField(List<TextField> fields, String name, Double threshold) {
    if (threshold != null) {
      fields.add(TextField.of(name, TextMessage.of(List.of(TextField.literal("threshold", formatDouble(threshold))))));
    }
  }

  private static void optional(List<TextField> fields, String name, Object value) {
    if (value instanceof Double d) {
      fields.add(TextField.literal(name, formatDouble(d)));
    } else if (value != null) {
      fields.add(TextField.literal(name, value.toString()));
    }
  }

  /**
   * A double as Python's {@code repr} writes it (what protobuf's Python text printer uses):
   * {@code 1.0}, {@code 0.25}, {@code 1e-05}, {@code 1e+16}, {@code inf}, {@code nan}.
   */
  static String formatDouble(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    double abs = Math.abs(v);
    if (abs >= 1e-4 && abs < 1e16) {
      String plain = exact.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
        + String.format("%02d", Math.abs(exponent));
  }

  static double number(String field, String token) {
    String t = token.toLowerCase(java.util.Locale.ROOT);
    String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    double sign = t.startsWith("-") ? -1 : 1;
    if (body.equals("inf") || body.equals("infinity")) {
      return sign * Double.POSITIVE_INFINITY;
    }
    if (body.equals("nan")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(body.endsWith("f") ? t.substring(0, t.length() - 1) : t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " should be a number, got '" + token + "'");
    }
  }

  static long integer(String field, String token) {
    try {
      return token.startsWith("0x") || token.startsWith("0X") ? Long.parseLong(token.substring(2), 16)
          : Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " should be an integer, got '" + token + "'");
    }
  }

  static boolean bool(String field, String token) {
    return switch (token) {
      case "true", "True", "t", "1" -> true;
      case "false", "False", "f", "0" -> false;
      default -> throw new IllegalArgumentException(field + " should be true or false, got '" + token + "'");
    };
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, String field, String token) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(token)) {
        return e;
      }
    }
    throw new IllegalArgumentException(field + " should be one of " + List.of(type.getEnumConstants())
        + ", got '" + token + "'");
  }
}
