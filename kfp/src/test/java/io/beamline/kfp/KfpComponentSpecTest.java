package io.beamline.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamline.core.Json;
import io.beamline.core.component.Component;
import io.beamline.evaluator.Evaluator;
import io.beamline.examplegen.ExampleGen;
import io.beamline.pusher.Pusher;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.trainer.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Component YAML generated from each component's own spec and parameters record. */
class KfpComponentSpecTest {
  private static final KfpCompiler COMPILER = KfpCompiler.forImage(KfpImage.named("registry.example.com/beamline:1.0"));

  @Test
  void everyComponentGivesAValidOneTaskPipelineSpec() {
    for (Component<?> c : KfpFixtures.allComponents()) {
      PipelineSpecDocument doc = COMPILER.component(c);
      KfpFixtures.assertMatchesProtoSchema(doc.tree());
      assertEquals(List.of(), PipelineSpecRules.violations(doc.tree()), c.spec().name());
      String task = c.spec().name().toLowerCase();
      assertEquals(task, doc.name());
      JsonNode component = doc.tree().path("components").path("comp-" + task);
      assertEquals(c.spec().inputs().keySet(), names(component.path("inputDefinitions").path("artifacts")), task);
      assertEquals(c.spec().outputs().keySet(), names(component.path("outputDefinitions").path("artifacts")), task);
      // Reading the YAML back gives the same spec: what is written is what KFP loads.
      assertEquals(doc.tree(), PipelineSpecDocument.parse(doc.toYaml(), task).tree(), task);
    }
  }

  @Test
  void parameterDefaultsReadBackAsTheComponentsOwnDefaults() throws Exception {
    for (Component<?> c : KfpFixtures.allComponents()) {
      ObjectNode values = Json.mapper().createObjectNode();
      COMPILER.component(c).tree().path("root").path("inputDefinitions").path("parameters").fields().forEachRemaining(p -> {
        if (p.getValue().has("defaultValue") && !p.getKey().equals(ParameterDefinition.BEAM_ARGS)) {
          values.set(p.getKey(), p.getValue().get("defaultValue"));
        }
      });
      Object read = Json.mapper().treeToValue(values, c.spec().parametersType());
      assertEquals(c.spec().defaults(), read, c.spec().name());
    }
  }

  @Test
  void artifactsAndParametersAreTypedFromTheSpec() {
    JsonNode stats = COMPILER.component(new StatisticsGen()).tree().path("components").path("comp-statisticsgen");
    assertEquals("system.Dataset", stats.at("/inputDefinitions/artifacts/examples/artifactType/schemaTitle").asText());
    assertEquals("system.Artifact", stats.at("/outputDefinitions/artifacts/statistics/artifactType/schemaTitle").asText());
    assertEquals("LIST", stats.at("/inputDefinitions/parameters/beam_args/parameterType").asText());
    assertEquals(0, stats.at("/inputDefinitions/parameters/beam_args/defaultValue").size());

    JsonNode gen = COMPILER.component(new ExampleGen()).tree().path("components").path("comp-examplegen");
    assertEquals("STRING", gen.at("/inputDefinitions/parameters/input/parameterType").asText());
    assertEquals("NUMBER_DOUBLE", gen.at("/inputDefinitions/parameters/maxRejectFraction/parameterType").asText());
    assertEquals(0.0, gen.at("/inputDefinitions/parameters/maxRejectFraction/defaultValue").asDouble(-1));
    assertEquals("NUMBER_INTEGER", gen.at("/inputDefinitions/parameters/span/parameterType").asText());
    assertFalse(gen.at("/inputDefinitions/parameters/span").has("defaultValue"), "null default: none, optional");
    assertTrue(gen.at("/inputDefinitions/parameters/span/isOptional").asBoolean());
    assertEquals("LIST", gen.at("/inputDefinitions/parameters/splits/parameterType").asText());
    assertEquals("train", gen.at("/inputDefinitions/parameters/splits/defaultValue/0/name").asText());
    assertEquals("STRING", gen.at("/inputDefinitions/parameters/format/parameterType").asText());
    assertTrue(gen.at("/inputDefinitions/parameters/format/description").asText().contains("one of"));

    JsonNode trainer = COMPILER.component(new Trainer()).tree().path("components").path("comp-trainer");
    assertEquals("system.Model", trainer.at("/outputDefinitions/artifacts/model/artifactType/schemaTitle").asText());
    JsonNode evaluator = COMPILER.component(new Evaluator()).tree().path("components").path("comp-evaluator");
    assertTrue(evaluator.at("/inputDefinitions/artifacts/baseline_model/isOptional").asBoolean());
    assertFalse(evaluator.at("/inputDefinitions/artifacts/model/isOptional").asBoolean());
    // Jackson's names, not the record's: the pusher names its fields in snake case.
    JsonNode pusher = COMPILER.component(new Pusher()).tree().path("components").path("comp-pusher");
    assertEquals("BOOLEAN", pusher.at("/inputDefinitions/parameters/push_unblessed/parameterType").asText());
  }

  @Test
  void theExecutorRunsTheEntrypointInTheImageWithTheWholeExecutorInput() {
    JsonNode doc = COMPILER.component(new StatisticsGen()).tree();
    JsonNode container = doc.at("/deploymentSpec/executors/exec-statisticsgen/container");
    assertEquals("registry.example.com/beamline:1.0", container.path("image").asText());
    List<String> command = new ArrayList<>();
    container.path("command").forEach(c -> command.add(c.asText()));
    assertEquals("java", command.get(0));
    assertEquals(List.of(KfpImage.MAIN_CLASS, "kfp", "run", "--component", "StatisticsGen"),
        command.subList(command.size() - 5, command.size()));
    assertEquals("[\"--executor-input\",\"{{$}}\"]", Json.write(container.path("args")));
    assertEquals("statisticsgen", doc.at("/root/dag/outputs/artifacts/statistics/artifactSelectors/0/producerSubtask").asText());
    assertEquals("examples", doc.at("/root/dag/tasks/statisticsgen/inputs/artifacts/examples/componentInputArtifact").asText());
  }

  @Test
  void yamlIsSortedAndQuotesWhatWouldReadAsAnotherType() {
    String yaml = COMPILER.component(new StatisticsGen()).toYaml();
    assertTrue(yaml.startsWith("# PIPELINE DEFINITION\n# Name: statisticsgen\ncomponents:\n"), yaml);
    assertTrue(yaml.contains("schemaVersion: \"2.1.0\"") || yaml.contains("schemaVersion: 2.1.0"), yaml);
    assertTrue(yaml.indexOf("deploymentSpec:") < yaml.indexOf("pipelineInfo:"), yaml);
    assertTrue(yaml.contains("\"{{$}}\""), yaml);
  }

  private static java.util.Set<String> names(JsonNode node) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
