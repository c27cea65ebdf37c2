package io.beamline.core.component;

import io.beamline.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Properties of an artifact: an immutable, JSON-shaped map. Values are {@code Long}, {@code Double},
 * {@code String}, {@code Boolean}, lists and string-keyed maps of these; other numbers are widened
 * on the way in so that equal values compare equal whatever produced them.
 *
 * <pre>{@code
 * ArtifactProperties props = ArtifactProperties.empty().with(PropertyNames.SPAN, 3).with(PropertyNames.SPLIT_NAMES, List.of("train", "eval"));
 * long span = props.getLong(PropertyNames.SPAN);
 * }</pre>
 */
public final class ArtifactProperties {
  private static final ArtifactProperties EMPTY = new ArtifactProperties(Map.of());
  private final Map<String, Object> values;

  private ArtifactProperties(Map<String, Object> values) {
    this.values = values;
  }

  public static ArtifactProperties empty() {
    return EMPTY;
  }

  /** Properties from a map of JSON-shaped values (validated and deep-copied). */
  public static ArtifactProperties of(Map<String, ?> values) {
    Map<String, Object> copy = new TreeMap<>();
    values.forEach((k, v) -> copy.put(k, normalize(k, v)));
    return new ArtifactProperties(Collections.unmodifiableMap(copy));
  }

  public ArtifactProperties with(String key, Object value) {
    Map<String, Object> copy = new TreeMap<>(values);
    copy.put(key, normalize(key, value));
    return new ArtifactProperties(Collections.unmodifiableMap(copy));
  }

  /** These properties overlaid with {@code other}'s (other wins on equal keys). */
  public ArtifactProperties withAll(ArtifactProperties other) {
    Map<String, Object> copy = new TreeMap<>(values);
    copy.putAll(other.values);
    return new ArtifactProperties(Collections.unmodifiableMap(copy));
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public long getLong(String key) {
    return require(key, Long.class);
  }

  public double getDouble(String key) {
    Object v = require(key, Object.class);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw wrongType(key, "a number", v);
  }

  public String getString(String key) {
    return require(key, String.class);
  }

  public boolean getBoolean(String key) {
    return require(key, Boolean.class);
  }

  @SuppressWarnings("unchecked")
  public List<String> getStringList(String key) {
    List<Object> list = require(key, List.class);
    for (Object o : list) {
      if (!(o instanceof String)) {
        throw wrongType(key, "a list of strings", list);
      }
    }
    return (List<String>) (List<?>) list;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> getMap(String key) {
    return require(key, Map.class);
  }

  private <T> T require(String key, Class<T> type) {
    Object v = values.get(key);
    if (v == null) {
      throw new InvalidInputException("Artifact property '" + key + "' is missing; present: "
          + values.keySet());
    }
    if (!type.isInstance(v)) {
      throw wrongType(key, type.getSimpleName(), v);
    }
    return type.cast(v);
  }

  private static InvalidInputException wrongType(String key, String expected, Object got) {
    return new InvalidInputException("Artifact property '" + key + "': expected " + expected
        + ", got " + got.getClass().getSimpleName() + " " + got);
  }

  private static Object normalize(String key, Object v) {
    if (v == null) {
      throw new IllegalArgumentException("Artifact property '" + key + "' is null");
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float || v instanceof Double) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object o : list) {
        copy.add(normalize(key, o));
      }
      return Collections.unmodifiableList(copy);
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new IllegalArgumentException("Artifact property '" + key + "': map keys must be strings");
        }
        copy.put(k, normalize(key, e.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    throw new IllegalArgumentException("Artifact property '" + key + "': " + v.getClass().getName()
        + " is not a JSON value (use numbers, strings, booleans, lists and maps)");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArtifactProperties other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
