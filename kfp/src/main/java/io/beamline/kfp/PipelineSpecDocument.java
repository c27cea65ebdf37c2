package io.beamline.kfp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A KFP {@code PipelineSpec} (a compiled pipeline, or one component in the one-task form
 * {@code kfp.components.load_component_from_file} reads) and its YAML text. Keys are written
 * sorted, as KFP's compiler writes them, so the same pipeline always gives the same text.
 *
 * @param tree the PipelineSpec as proto3 JSON (camelCase field names)
 */
public record PipelineSpecDocument(ObjectNode tree) {
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build());

  public PipelineSpecDocument {
    Objects.requireNonNull(tree, "tree");
  }

  /**
   * The spec, checked against the rules KFP's API server applies before it runs one (see
   * {@link PipelineSpecRules}).
   *
   * @throws InvalidInputException naming every rule the spec breaks
   */
  public static PipelineSpecDocument checked(ObjectNode tree) {
    List<String> violations = PipelineSpecRules.violations(tree);
    if (!violations.isEmpty()) {
      throw new InvalidInputException("Pipeline spec '" + tree.path("pipelineInfo").path("name").asText()
          + "' would be refused by Kubeflow Pipelines: " + String.join("; ", violations));
    }
    return new PipelineSpecDocument(tree);
  }

  /** The pipeline's name ({@code pipelineInfo.name}). */
  public String name() {
    return tree.path("pipelineInfo").path("name").asText();
  }

  /** The YAML text, headed by a comment naming the pipeline. */
  public String toYaml() {
    try {
      return "# PIPELINE DEFINITION\n# Name: " + name() + "\n" + YAML.writeValueAsString(sorted(tree));
    } catch (JsonProcessingException e) {
      throw new BeamlineException("Cannot write pipeline " + name() + " as YAML: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes the YAML to {@code file} whole or not at all (a temporary file renamed into place). */
  public void writeTo(Path file) {
    AtomicFiles.write(file, toYaml());
  }

  /** Reads a PipelineSpec from YAML (or JSON, which is YAML too). */
  public static PipelineSpecDocument read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read pipeline spec " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses PipelineSpec YAML; {@code source} names it in errors. */
  public static PipelineSpecDocument parse(String yaml, String source) {
    try {
      JsonNode node = YAML.readTree(yaml);
      if (node == null || !node.isObject()) {
        throw new InvalidInputException("Pipeline spec " + source + " is not a YAML mapping");
      }
      return new PipelineSpecDocument((ObjectNode) node);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("Pipeline spec " + source + " is not valid YAML: " + e.getOriginalMessage());
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      names.forEach(n -> copy.set(n, sorted(node.get(n))));
      return copy;
    }
    if (node.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> copy.add(sorted(e)));
      return copy;
    }
    return node;
  }
}
