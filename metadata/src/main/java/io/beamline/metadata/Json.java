package io.beamline.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson mapper of the module; sorted keys so equal structs store as equal strings. */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** Parses and re-serializes {@code json} so that key order and spacing do not matter. */
  static String canonical(String json) {
    if (json == null) {
      throw new MetadataStoreException("Struct value: JSON text is null");
    }
    try {
      return MAPPER.writeValueAsString(MAPPER.readValue(json, Object.class));
    } catch (JsonProcessingException e) {
      throw new MetadataStoreException(
          "Struct value: not valid JSON: " + abbreviate(json) + " (" + e.getOriginalMessage() + ")",
          e);
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new MetadataStoreException(
          "Struct value: cannot convert " + value.getClass().getName() + " to JSON", e);
    }
  }

  static Object read(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new MetadataStoreException("Struct value: not valid JSON: " + abbreviate(json), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...'";
  }
}
