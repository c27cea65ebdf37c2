package io.beamline.io.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.beamline.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Turns one logged TF Serving REST request (a line of a JSON-lines request log) into the tf.Examples
 * it scored. Both request bodies of TF Serving's REST predict API are read:
 * <ul>
 *   <li>row form, {@code {"instances": [{"fare": 12.5, "payment_type": "Cash"}, ...]}}: one example
 *       per instance, one feature per named input;
 *   <li>columnar form, {@code {"inputs": {"fare": [12.5, 7.0], "payment_type": ["Cash", "Card"]}}}:
 *       every input's list holds one value per example, and the lists must be equally long.
 * </ul>
 * Models that take serialized tf.Examples (TFX's {@code serving_default}) are logged with each example
 * base64'd: an instance that is {@code {"b64": "..."}} itself, or whose only input is named
 * {@code examples}, is parsed as a serialized tf.Example. Other keys of a request
 * ({@code signature_name}) are ignored.
 *
 * <p>Values: a JSON integer is INT, any other number FLOAT (ExampleGen then widens a feature seen
 * both ways to FLOAT), a boolean INT 0/1, a string or {@code {"b64": ...}} BYTES, a (nested) list a
 * multi-valued feature of its leaves, {@code null} or an empty list a missing feature. Anything else
 * (an object, a list mixing numbers and strings, an integer beyond 64 bits, an instance with no input
 * names) is an error naming the file, line, instance and input.
 */
public final class ServingRequests {
  // Decimals stay exact until they become floats, so 12.45 is the float Float.parseFloat("12.45")
  // gives, as the CSV reader's; through a double first it could round differently.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  /** TFX's serving signature over serialized tf.Examples names its one input so. */
  public static final String SERIALIZED_EXAMPLES_INPUT = "examples";

  private ServingRequests() {}

  /** The examples of one request line; {@code file} and {@code line} (1-based) name it in errors. */
  public static List<Example> parse(String text, String file, long line) {
    JsonNode request;
    try {
      request = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw error(file, line, "not valid JSON: " + e.getOriginalMessage());
    }
    if (request == null || !request.isObject()) {
      throw error(file, line, "expected a TF Serving REST request, a JSON object with \"instances\" or \"inputs\"");
    }
    JsonNode instances = request.get("instances");
    JsonNode inputs = request.get("inputs");
    if (instances != null && inputs != null) {
      throw error(file, line, "a request has \"instances\" or \"inputs\", not both");
    }
    if (instances != null) {
      if (!instances.isArray()) {
        throw error(file, line, "\"instances\" must be a list, found " + kind(instances));
      }
      List<Example> out = new ArrayList<>(instances.size());
      for (int i = 0; i < instances.size(); i++) {
        out.add(instance(instances.get(i), new Where(file, line, "instance " + i)));
      }
      return out;
    }
    if (inputs != null) {
      return columnar(inputs, file, line);
    }
    throw error(file, line, "expected \"instances\" (row form) or \"inputs\" (columnar form); found keys "
        + fieldNames(request));
  }

  private static Example instance(JsonNode node, Where where) {
    if (isB64(node)) {
      return serializedExample(node, where);
    }
    if (!node.isObject()) {
      throw where.error("is " + kind(node) + ", not an object of named inputs; a request to a model with one"
          + " unnamed input does not say which feature its values are");
    }
    if (node.size() == 1 && node.has(SERIALIZED_EXAMPLES_INPUT)) {
      JsonNode value = node.get(SERIALIZED_EXAMPLES_INPUT);
      JsonNode single = value.isArray() && value.size() == 1 ? value.get(0) : value;
      if (isB64(single)) {
        return serializedExample(single, where.input(SERIALIZED_EXAMPLES_INPUT));
      }
    }
    TreeMap<String, Feature> features = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      Feature f = feature(field.getValue(), where.input(field.getKey()));
      if (f != null) {
        features.put(field.getKey(), f);
      }
    }
    return Example.newBuilder().setFeatures(Features.newBuilder().putAllFeature(features)).build();
  }

  private static List<Example> columnar(JsonNode inputs, String file, long line) {
    if (inputs.isArray()) {
      List<Example> out = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        Where where = new Where(file, line, "input value " + i);
        if (!isB64(inputs.get(i))) {
          throw where.error("is " + kind(inputs.get(i)) + "; unnamed \"inputs\" are read only as base64'd"
              + " serialized tf.Examples");
        }
        out.add(serializedExample(inputs.get(i), where));
      }
      return out;
    }
    if (!inputs.isObject()) {
      throw error(file, line, "\"inputs\" must be an object of named inputs, found " + kind(inputs));
    }
    int n = -1;
    String first = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isArray()) {
        throw error(file, line, "input '" + field.getKey() + "' of \"inputs\" must be a list with one value per"
            + " example, found " + kind(field.getValue()));
      }
      if (n >= 0 && field.getValue().size() != n) {
        throw error(file, line, "input '" + field.getKey() + "' holds " + field.getValue().size()
            + " values but input '" + first + "' holds " + n + ": columnar inputs must hold one value per example");
      }
      n = field.getValue().size();
      first = first == null ? field.getKey() : first;
    }
    List<Example> out = new ArrayList<>(Math.max(n, 0));
    for (int i = 0; i < n; i++) {
      TreeMap<String, Feature> features = new TreeMap<>();
      Where where = new Where(file, line, "example " + i);
      for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        Feature f = feature(field.getValue().get(i), where.input(field.getKey()));
        if (f != null) {
          features.put(field.getKey(), f);
        }
      }
      out.add(Example.newBuilder().setFeatures(Features.newBuilder().putAllFeature(features)).build());
    }
    return out;
  }

  /** One input's value as a feature; null when it is missing (null or an empty list). */
  private static Feature feature(JsonNode value, Where where) {
    List<JsonNode> leaves = new ArrayList<>();
    flatten(value, leaves, where);
    if (leaves.isEmpty()) {
      return null;
    }
    boolean bytes = false;
    boolean numbers = false;
    boolean floats = false;
    for (JsonNode leaf : leaves) {
      if (leaf.isTextual() || isB64(leaf)) {
        bytes = true;
      } else if (leaf.isNumber() || leaf.isBoolean()) {
        numbers = true;
        floats |= leaf.isNumber() && !leaf.isIntegralNumber();
        if (leaf.isBigInteger()) {
          throw where.error("holds " + leaf.asText() + ", beyond a 64-bit integer");
        }
      } else {
        throw where.error("holds " + kind(leaf) + "; expected numbers, strings, booleans or {\"b64\": ...}");
      }
    }
    if (bytes && numbers) {
      throw where.error("mixes numbers and strings in one list; a tf.Example feature holds one type");
    }
    Feature.Builder f = Feature.newBuilder();
    if (bytes) {
      BytesList.Builder b = BytesList.newBuilder();
      for (JsonNode leaf : leaves) {
        b.addValue(leaf.isTextual() ? ByteString.copyFrom(leaf.asText(), StandardCharsets.UTF_8)
            : ByteString.copyFrom(decodeB64(leaf, where)));
      }
      return f.setBytesList(b).build();
    }
    if (floats) {
      FloatList.Builder b = FloatList.newBuilder();
      leaves.forEach(leaf -> b.addValue(leaf.isBoolean() ? (leaf.asBoolean() ? 1f : 0f) : leaf.decimalValue().floatValue()));
      return f.setFloatList(b).build();
    }
    Int64List.Builder b = Int64List.newBuilder();
    leaves.forEach(leaf -> b.addValue(leaf.isBoolean() ? (leaf.asBoolean() ? 1 : 0) : leaf.asLong()));
    return f.setInt64List(b).build();
  }

  private static void flatten(JsonNode value, List<JsonNode> into, Where where) {
    if (value == null || value.isNull()) {
      return;
    }
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (item.isNull()) {
          throw where.error("holds a null inside a list; tf.Example lists cannot hold missing values");
        }
        flatten(item, into, where);
      }
      return;
    }
    if (value.isObject() && !isB64(value)) {
      throw where.error("is an object " + fieldNames(value) + "; a tf.Example feature holds a list of numbers"
          + " or strings (binary strings as {\"b64\": ...})");
    }
    into.add(value);
  }

  private static Example serializedExample(JsonNode b64, Where where) {
    byte[] bytes = decodeB64(b64, where);
    try {
      return Example.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw where.error("is base64 of " + bytes.length + " bytes that are not a serialized tf.Example: "
          + e.getMessage());
    }
  }

  private static byte[] decodeB64(JsonNode node, Where where) {
    JsonNode text = node.get("b64");
    if (!text.isTextual()) {
      throw where.error("has a \"b64\" that is " + kind(text) + ", not a base64 string");
    }
    try {
      return Base64.getDecoder().decode(text.asText());
    } catch (IllegalArgumentException e) {
      throw where.error("has a \"b64\" value that is not base64: " + e.getMessage());
    }
  }

  private static boolean isB64(JsonNode node) {
    return node != null && node.isObject() && node.size() == 1 && node.has("b64");
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase();
    };
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static InvalidInputException error(String file, long line, String what) {
    return new InvalidInputException("Serving request log " + file + ", line " + line + ": " + what);
  }

  /** Where a value sits, for messages: file, line, instance and input. */
  private record Where(String file, long line, String instance, String input) {
    Where(String file, long line, String instance) {
      this(file, line, instance, null);
    }

    Where input(String name) {
      return new Where(file, line, instance, name);
    }

    InvalidInputException error(String what) {
      return ServingRequests.error(file, line, instance + (input == null ? "" : ", input '" + input + "'") + " " + what);
    }
  }
}
