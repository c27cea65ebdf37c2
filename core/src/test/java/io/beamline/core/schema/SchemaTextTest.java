package io.beamline.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTextTest {
  @TempDir Path tmp;

  static String resource(String name) throws IOException {
    try (InputStream in = SchemaTextTest.class.getResourceAsStream("/schema/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void penguinSchemaWrittenByTfxRoundTripsByteForByte() throws IOException {
    String original = resource("penguin_schema.pbtxt");
    Schema schema = SchemaText.parse(original, "penguin_schema.pbtxt");
    assertEquals(original, SchemaText.write(schema));

    assertEquals(List.of("body_mass_g", "culmen_depth_mm", "culmen_length_mm", "flipper_length_mm", "species"),
        schema.features().stream().map(Feature::name).toList());
    Feature species = schema.requireFeature("species");
    assertEquals(SchemaType.INT, species.type());
    assertEquals(new Feature.Presence(1.0, 1L), species.presence());
    assertEquals(List.of(1L), species.shapeDims());
    assertEquals(SchemaType.FLOAT, schema.requireFeature("body_mass_g").type());
  }

  @Test
  void fieldsBeamlineDoesNotModelSurviveAndTypedViewsReadTheRest() throws IOException {
    String original = resource("tfdv_rich_schema.pbtxt");
    Schema schema = SchemaText.parse(original, "tfdv_rich_schema.pbtxt");
    assertEquals(original, SchemaText.write(schema));

    Feature company = schema.requireFeature("company");
    assertEquals("company", company.domain());
    assertEquals(List.of("Chicago Elite", "Zöe's Cab"), schema.stringDomainOf(company).orElseThrow().values());
    assertEquals(new Feature.ValueCount(1L, 1L), company.valueCount());
    TextMessage annotation = schema.text().messages("feature").get(0).message("annotation").orElseThrow();
    assertEquals("\u0001\u0002café \"quoted\" \\",
        annotation.message("extra_metadata").orElseThrow().string("value").orElseThrow());

    Feature hour = schema.requireFeature("trip_start_hour");
    assertEquals(new Feature.IntDomain("hours", 0L, 23L, true), hour.intDomain());
    assertEquals(new Feature.Comparator(0.01, null, null), hour.skewComparator());
    assertEquals(new Feature.Comparator(null, 0.05, null), hour.driftComparator());
    assertEquals(new Feature.Presence(0.5, 1L), hour.presence());

    Feature tips = schema.requireFeature("tips");
    assertEquals(new Feature.FloatDomain("", 0.0, 1e16, true, null), tips.floatDomain());
    assertEquals(List.of("SERVING"), tips.notInEnvironment());
    assertEquals("PRODUCTION", tips.lifecycleStage());
    assertEquals(List.of("TRAINING", "SERVING"), schema.defaultEnvironments());
    assertFalse(schema.inEnvironment(tips, "SERVING"));
    assertTrue(schema.inEnvironment(tips, "TRAINING"));
    assertTrue(schema.inEnvironment(company, "SERVING"));
    assertEquals(new DatasetConstraints(0.8, 1.2, 10L, null), schema.datasetConstraints().orElseThrow());
  }

  @Test
  void otherTextFormatSpellingsParseToTheSameTree() {
    String loose = "feature < name: 'a' type: INT, presence { min_count: 1; } >\n"
        + "feature: { name: \"b\" \"c\" type: FLOAT }\n"
        + "default_environment: [\"X\", \"Y\"]";
    Schema schema = SchemaText.parse(loose, "loose");
    assertEquals(List.of("a", "bc"), schema.features().stream().map(Feature::name).toList());
    assertEquals(List.of("X", "Y"), schema.defaultEnvironments());
    String written = SchemaText.write(schema);
    assertEquals(schema, SchemaText.parse(written, "written"));
    assertTrue(written.contains("feature {\n  name: \"a\"\n  type: INT\n  presence {\n    min_count: 1\n  }\n}\n"),
        written);
  }

  @Test
  void syntaxErrorsNameTheLineAndColumn() {
    InvalidInputException missingBrace = assertThrows(InvalidInputException.class,
        () -> SchemaText.parse("feature {\n  name: \"a\"\n  type: INT\n", "s.pbtxt"));
    assertEquals("Cannot parse s.pbtxt at line 4, column 1: expected '}' to close the message, got the end of"
        + " the file", missingBrace.getMessage());

    InvalidInputException noColon = assertThrows(InvalidInputException.class,
        () -> SchemaText.parse("feature {\n  name \"a\"\n}\n", "s.pbtxt"));
    assertEquals("Cannot parse s.pbtxt at line 2, column 8: expected ':' or '{' after field name 'name', got"
        + " '\"a\"'", noColon.getMessage());

    InvalidInputException badString = assertThrows(InvalidInputException.class,
        () -> SchemaText.parse("feature { name: \"a }", "s.pbtxt"));
    assertEquals("Cannot parse s.pbtxt at line 1, column 21: unterminated string: expected a closing \"",
        badString.getMessage());
  }

  @Test
  void wrongKindOfValueNamesTheFeatureAndField() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SchemaText.parse("feature { name: \"x\" type: DOUBLE }", "s.pbtxt"));
    assertEquals("Schema s.pbtxt: feature 'x': type should be one of [TYPE_UNKNOWN, BYTES, INT, FLOAT, STRUCT],"
        + " got 'DOUBLE'", e.getMessage());

    InvalidInputException dangling = assertThrows(InvalidInputException.class,
        () -> SchemaText.parse("feature { name: \"x\" type: BYTES domain: \"nope\" }", "s.pbtxt"));
    assertTrue(dangling.getMessage().contains("refers to domain 'nope'"), dangling.getMessage());
  }

  @Test
  void builtSchemaIsWrittenInTfxOrderWithHeaderAndTrailer() {
    Feature f = Feature.of("payment_type", SchemaType.BYTES)
        .withPresence(new Feature.Presence(null, 1L))
        .withValueCount(new Feature.ValueCount(1L, 1L))
        .withDomain("payment_type");
    Schema schema = Schema.of(List.of(f), List.of(new StringDomain("payment_type", List.of("Cash", "Credit Card"))));
    assertEquals("""
        # proto-file: tensorflow_metadata/proto/v0/schema.proto
        # proto-message: Schema
        feature {
          name: "payment_type"
          value_count {
            min: 1
            max: 1
          }
          type: BYTES
          domain: "payment_type"
          presence {
            min_count: 1
          }
        }
        string_domain {
          name: "payment_type"
          value: "Cash"
          value: "Credit Card"
        }
        # generate_legacy_feature_spec: false
        """, SchemaText.write(schema));
  }

  @Test
  void jsonGivesRepeatedFieldsAsArraysAndNumbersAsNumbers() throws IOException {
    Schema schema = SchemaText.parse(resource("tfdv_rich_schema.pbtxt"), "rich");
    JsonNode json = Json.tree(SchemaText.toJson(schema));
    assertEquals(3, json.get("feature").size());
    assertEquals("company", json.get("feature").get(0).get("name").asText());
    assertEquals(23L, json.get("feature").get(1).get("int_domain").get("max").asLong());
    assertTrue(json.get("feature").get(1).get("int_domain").get("is_categorical").asBoolean());
    assertEquals(0.5, json.get("feature").get(1).get("presence").get("min_fraction").asDouble());
    assertEquals("PRODUCTION", json.get("feature").get(2).get("lifecycle_stage").asText());
    assertEquals(2, json.get("default_environment").size());
    assertEquals(1, json.get("string_domain").size());
  }

  @Test
  void artifactFilesAreWrittenAndReadBack() throws IOException {
    Schema schema = SchemaText.parse(resource("penguin_schema.pbtxt"), "penguin");
    SchemaText.writeArtifact(schema, tmp.toString());
    assertEquals(resource("penguin_schema.pbtxt"), Files.readString(tmp.resolve(SchemaText.FILE_NAME)));
    assertTrue(Files.exists(tmp.resolve(SchemaText.JSON_FILE_NAME)));
    assertEquals(schema, SchemaText.readArtifact(tmp.toString()));
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> SchemaText.read(tmp.resolve("nope.pbtxt").toString()));
    assertTrue(missing.getMessage().contains("nope.pbtxt"), missing.getMessage());
  }

  @Test
  void doublesAreFormattedAsPythonWritesThem() {
    assertEquals("1.0", SchemaTree.formatDouble(1.0));
    assertEquals("0.25", SchemaTree.formatDouble(0.25));
    assertEquals("1e-05", SchemaTree.formatDouble(1e-5));
    assertEquals("1.5e+16", SchemaTree.formatDouble(1.5e16));
    assertEquals("123456.0", SchemaTree.formatDouble(123456.0));
    assertEquals("-0.001", SchemaTree.formatDouble(-0.001));
    assertEquals("inf", SchemaTree.formatDouble(Double.POSITIVE_INFINITY));
  }
}
