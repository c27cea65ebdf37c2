package io.beamline.orchestrator;

import io.beamline.core.Json;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.metadata.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts artifact properties to the store's typed values and back. Whole numbers, decimals and
 * strings map to INT, DOUBLE and STRING; booleans, lists and maps are kept as STRUCT (JSON), so
 * every property reads back with the Java type it was written with.
 */
final class StoreValues {
  private StoreValues() {}

  static Map<String, Value> toStore(ArtifactProperties properties) {
    Map<String, Value> values = new LinkedHashMap<>();
    properties.asMap().forEach((k, v) -> values.put(k, toValue(v)));
    return values;
  }

  static Value toValue(Object v) {
    if (v instanceof Long l) {
      return new Value.IntValue(l);
    }
    if (v instanceof Double d) {
      return new Value.DoubleValue(d);
    }
    if (v instanceof String s) {
      return new Value.StringValue(s);
    }
    return new Value.StructValue(Json.write(v));
  }

  static ArtifactProperties fromStore(Map<String, Value> values) {
    Map<String, Object> props = new LinkedHashMap<>();
    values.forEach((k, v) -> props.put(k, toJava(v)));
    return ArtifactProperties.of(props);
  }

  static Object toJava(Value v) {
    if (v instanceof Value.IntValue i) {
      return i.value();
    }
    if (v instanceof Value.DoubleValue d) {
      return d.value();
    }
    if (v instanceof Value.StringValue s) {
      return s.value();
    }
    return Json.convert(Json.tree(((Value.StructValue) v).json()), Object.class);
  }
}
