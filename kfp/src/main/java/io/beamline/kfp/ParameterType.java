package io.beamline.kfp;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Set;

/**
 * KFP's parameter types ({@code ParameterType.ParameterTypeEnum} in {@code pipeline_spec.proto}),
 * those a Beamline parameter can have. Lists and structs travel as JSON, so a parameter that is a
 * list of records (the evaluator's thresholds) is a {@link #LIST} of objects.
 */
enum ParameterType {
  NUMBER_DOUBLE, NUMBER_INTEGER, STRING, BOOLEAN, LIST, STRUCT;

  private static final Set<Class<?>> INTEGERS = Set.of(int.class, Integer.class, long.class, Long.class,
      short.class, Short.class, byte.class, Byte.class);
  private static final Set<Class<?>> DOUBLES = Set.of(double.class, Double.class, float.class, Float.class);

  /** The KFP type of a Java type as Jackson writes it. */
  static ParameterType of(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == String.class || raw == char.class || raw == Character.class || raw.isEnum()) {
      return STRING;
    }
    if (INTEGERS.contains(raw)) {
      return NUMBER_INTEGER;
    }
    if (DOUBLES.contains(raw)) {
      return NUMBER_DOUBLE;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return BOOLEAN;
    }
    if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
      return LIST;
    }
    return STRUCT;
  }

  /** Whether a JSON value (a default, or a value given at run time) has this type. */
  boolean accepts(JsonNode value) {
    return switch (this) {
      case NUMBER_DOUBLE -> value.isNumber();
      case NUMBER_INTEGER -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
      case STRING -> value.isTextual();
      case BOOLEAN -> value.isBoolean();
      case LIST -> value.isArray();
      case STRUCT -> value.isObject();
    };
  }
}
