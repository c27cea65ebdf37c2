package io.beamline.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.statistics.StatisticsJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Reads and writes schemas: {@code schema.pbtxt} in the TensorFlow Metadata text format, exactly
 * as TFX writes it, and {@code schema.json}. Reading then writing a file TFX or TFDV wrote gives
 * back the same text, fields Beamline does not model and comments included.
 *
 * <pre>{@code
 * Schema schema = SchemaText.parse(Files.readString(path), path.toString());
 * SchemaText.writeArtifact(schema, "out/schema");   // out/schema/schema.pbtxt and schema.json
 * }</pre>
 */
public final class SchemaText {
  public static final String FILE_NAME = "schema.pbtxt";
  public static final String JSON_FILE_NAME = "schema.json";

  /** Fields of schema.proto that are repeated, so schema.json gives them as arrays even when single. */
  private static final Set<String> TOP_REPEATED = Set.of("feature", "sparse_feature", "weighted_feature",
      "string_domain", "float_domain", "int_domain", "default_environment");
  /** Repeated fields of nested messages (a string domain's {@code value}, a shape's {@code dim}). */
  private static final Set<String> NESTED_REPEATED = Set.of("in_environment", "not_in_environment", "value",
      "dim", "tag", "comment", "extra_metadata", "index_feature", "true_value", "false_value");

  private SchemaText() {}

  public static Schema parse(String text) {
    return parse(text, "schema text");
  }

  /**
   * Parses a text-format schema.
   *
   * @param source the file name or other origin, named in errors
   * @throws io.beamline.core.InvalidInputException naming the source, line and column of a syntax
   *     error, or the feature and field of a value of the wrong kind
   */
  public static Schema parse(String text, String source) {
    return Schema.fromText(TextFormatParser.parse(text, source), source);
  }

  /** The schema in the text format, as TFX writes {@code schema.pbtxt}. */
  public static String write(Schema schema) {
    return TextFormatPrinter.print(schema.text());
  }

  /**
   * The schema as JSON: each message an object with the text format's field names (snake_case);
   * repeated fields arrays; numbers and booleans as JSON numbers and booleans, enum values and
   * {@code inf}/{@code nan} as strings. Comments are left out.
   */
  public static String toJson(Schema schema) {
    return Json.writePretty(jsonOf(schema.text(), true));
  }

  /** Reads {@code schema.pbtxt} from a local path or any Beam FileSystem URI. */
  public static Schema read(String fileUri) {
    return parse(readText(fileUri), fileUri);
  }

  /** Reads the schema of a Schema artifact ({@code <uri>/schema.pbtxt}), or a {@code .pbtxt} file given directly. */
  public static Schema readArtifact(String artifactUri) {
    // A curated schema is often just a file: accept its path as well as a Schema artifact directory.
    if (artifactUri.endsWith(".pbtxt")) {
      return read(artifactUri);
    }
    return read(ArtifactUris.child(artifactUri, FILE_NAME));
  }

  /** Writes {@code schema.pbtxt} and {@code schema.json} into a Schema artifact directory. */
  public static void writeArtifact(Schema schema, String artifactUri) {
    StatisticsJson.writeText(write(schema), ArtifactUris.child(artifactUri, FILE_NAME), MimeTypes.TEXT);
    StatisticsJson.writeText(toJson(schema), ArtifactUris.child(artifactUri, JSON_FILE_NAME), MimeTypes.TEXT);
  }

  /** The text of a schema file (local path or Beam FileSystem URI), unparsed. */
  public static String readText(String fileUri) {
    return TextFiles.read(fileUri, "Schema file");
  }

  private static ObjectNode jsonOf(TextMessage message, boolean top) {
    Set<String> repeated = top ? TOP_REPEATED : NESTED_REPEATED;
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (TextField f : message.fields()) {
      counts.merge(f.name(), 1, Integer::sum);
    }
    ObjectNode obj = nodes.objectNode();
    for (TextField f : message.fields()) {
      JsonNode value = jsonOf(f.value());
      if (repeated.contains(f.name()) || counts.get(f.name()) > 1) {
        JsonNode existing = obj.get(f.name());
        ArrayNode array = existing instanceof ArrayNode a ? a : obj.putArray(f.name());
        array.add(value);
      } else {
        obj.set(f.name(), value);
      }
    }
    return obj;
  }

  private static JsonNode jsonOf(TextValue value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value instanceof TextMessage m) {
      return jsonOf(m, false);
    }
    if (value instanceof TextValue.Quoted q) {
      return nodes.textNode(q.text());
    }
    String token = ((TextValue.Literal) value).token();
    if (token.equals("true") || token.equals("false")) {
      return nodes.booleanNode(token.equals("true"));
    }
    try {
      if (token.matches("-?[0-9]+")) {
        return nodes.numberNode(Long.parseLong(token));
      }
      if (token.matches("-?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
        return nodes.numberNode(Double.parseDouble(token));
      }
    } catch (NumberFormatException e) {
      // Too large for a long: keep the exact digits as a string rather than lose them.
      return nodes.textNode(token);
    }
    return nodes.textNode(token);
  }
}
