package io.beamline.ui;

import io.beamline.metadata.Value;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's JSON, written by the project's mapper (keys sorted, records by their component names). */
final class Json {
  private Json() {}

  static byte[] bytes(Object value) {
    return io.beamline.core.Json.write(value).getBytes(StandardCharsets.UTF_8);
  }

  /** Store property values as plain JSON values (a struct as the JSON document it holds). */
  static Map<String, Object> values(Map<String, Value> properties) {
    Map<String, Object> out = new LinkedHashMap<>();
    properties.forEach((k, v) -> out.put(k, v.toJava()));
    return out;
  }
}
