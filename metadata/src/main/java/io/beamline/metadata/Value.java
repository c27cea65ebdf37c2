package io.beamline.metadata;

import java.util.List;
import java.util.Map;

/**
 * A property value: an integer, a double, a string or a JSON struct.
 *
 * <pre>{@code
 * Value span = Value.of(3);                          // IntValue(3)
 * Value splits = Value.of(List.of("train", "eval")); // StructValue("[\"train\",\"eval\"]")
 * }</pre>
 */
public sealed interface Value
    permits Value.IntValue, Value.DoubleValue, Value.StringValue, Value.StructValue {

  /** The property type this value fits. */
  PropertyType type();

  /** The plain Java value: {@code Long}, {@code Double}, {@code String}, or for a struct the
   * parsed JSON ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} or
   * {@code null}). */
  Object toJava();

  /**
   * Converts a plain Java value. {@code Long/Integer/Short/Byte} become {@link IntValue}; {@code
   * Double/Float} {@link DoubleValue}; {@code String} {@link StringValue}; {@code Boolean}
   * becomes {@code IntValue(1)} or {@code IntValue(0)} (ML Metadata has no boolean type, and TFX
   * stores flags as ints); {@code List} and {@code Map} become a {@link StructValue} of their JSON
   * with map keys sorted; a {@code Value} is returned as is.
   *
   * @throws MetadataStoreException for null or any other type
   */
  static Value of(Object value) {
    if (value instanceof Value v) {
      return v;
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      return new IntValue(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      return new DoubleValue(((Number) value).doubleValue());
    } else if (value instanceof String s) {
      return new StringValue(s);
    } else if (value instanceof Boolean b) {
      return new IntValue(b ? 1 : 0);
    } else if (value instanceof List<?> || value instanceof Map<?, ?>) {
      return new StructValue(Json.write(value));
    } else if (value == null) {
      throw new MetadataStoreException("Cannot convert null to a property value");
    }
    throw new MetadataStoreException(
        "Cannot convert a " + value.getClass().getName() + " to a property value; allowed: "
            + "Long, Integer, Short, Byte, Double, Float, String, Boolean, List, Map");
  }

  /** A 64-bit integer. */
  record IntValue(long value) implements Value {
    @Override
    public PropertyType type() {
      return PropertyType.INT;
    }

    @Override
    public Object toJava() {
      return value;
    }
  }

  /** A double; NaN and infinities are kept. */
  record DoubleValue(double value) implements Value {
    @Override
    public PropertyType type() {
      return PropertyType.DOUBLE;
    }

    @Override
    public Object toJava() {
      return value;
    }
  }

  /** A string (never null). */
  record StringValue(String value) implements Value {
    public StringValue {
      if (value == null) {
        throw new MetadataStoreException("String value is null");
      }
    }

    @Override
    public PropertyType type() {
      return PropertyType.STRING;
    }

    @Override
    public Object toJava() {
      return value;
    }
  }

  /**
   * A JSON document. The text is validated and canonicalized (object keys sorted, no spaces), so
   * two structs with the same content are equal and match in property queries.
   */
  record StructValue(String json) implements Value {
    public StructValue {
      json = Json.canonical(json);
    }

    @Override
    public PropertyType type() {
      return PropertyType.STRUCT;
    }

    @Override
    public Object toJava() {
      return Json.read(json);
    }
  }
}
