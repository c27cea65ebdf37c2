package io.beamline.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.evaluator.Evaluator;
import io.beamline.evaluator.EvaluatorParameters;
import io.beamline.examplegen.ExampleGen;
import io.beamline.examplegen.ExampleGenParameters;
import io.beamline.orchestrator.LatestBlessedModel;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;
import io.beamline.orchestrator.PipelineDefinitionException;
import io.beamline.statsgen.StatisticsGen;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Beamline pipeline compiled into a PipelineSpec that KFP's API server accepts. */
class KfpCompilerTest {
  private static final KfpCompiler COMPILER = KfpCompiler.forImage(KfpImage.named("registry.example.com/beamline:1.0"));

  @Test
  void compilesTheDagWithArtifactsDependenciesParametersAndCaching() {
    JsonNode spec = COMPILER.compile(KfpFixtures.dataPipeline("/data/trips.csv")).tree();
    KfpFixtures.assertMatchesProtoSchema(spec);
    assertEquals(List.of(), PipelineSpecRules.violations(spec));
    assertEquals("2.1.0", spec.path("schemaVersion").asText());
    assertEquals("small-data-v1", spec.at("/pipelineInfo/name").asText());
    JsonNode tasks = spec.at("/root/dag/tasks");
    assertEquals(List.of("examplegen", "statisticsgen", "schemagen", "examplevalidator", "examplegen-again"),
        fieldNames(tasks));

    JsonNode validator = tasks.path("examplevalidator");
    assertEquals("comp-examplevalidator", validator.at("/componentRef/name").asText());
    assertEquals("statisticsgen", validator.at("/inputs/artifacts/statistics/taskOutputArtifact/producerTask").asText());
    assertEquals("statistics", validator.at("/inputs/artifacts/statistics/taskOutputArtifact/outputArtifactKey").asText());
    assertEquals("schemagen", validator.at("/inputs/artifacts/schema/taskOutputArtifact/producerTask").asText());
    assertEquals("[\"schemagen\",\"statisticsgen\"]", Json.write(validator.path("dependentTasks")));
    assertFalse(validator.at("/cachingOptions/enableCache").asBoolean(), "withCaching(false)");
    assertTrue(tasks.at("/statisticsgen/cachingOptions/enableCache").asBoolean());
    // .after() is a dependency without data.
    assertEquals("[\"examplevalidator\"]", Json.write(tasks.at("/examplegen-again/dependentTasks")));
    assertFalse(tasks.path("examplegen-again").path("inputs").has("artifacts"));

    // Every node parameter is a pipeline parameter whose default is the node's value.
    JsonNode params = spec.at("/root/inputDefinitions/parameters");
    assertEquals("/data/trips.csv", params.at("/examplegen_input/defaultValue").asText());
    assertEquals(0.5, params.at("/examplegen_again_maxRejectFraction/defaultValue").asDouble());
    assertEquals(0.0, params.at("/examplegen_maxRejectFraction/defaultValue").asDouble(-1));
    assertEquals("LIST", params.at("/beam_args/parameterType").asText());
    assertEquals("examplegen_input", tasks.at("/examplegen/inputs/parameters/input/componentInputParameter").asText());
    assertEquals("beam_args", tasks.at("/statisticsgen/inputs/parameters/beam_args/componentInputParameter").asText());

    JsonNode command = spec.at("/deploymentSpec/executors/exec-schemagen/container/command");
    assertEquals("SchemaGen", command.get(command.size() - 1).asText());
  }

  @Test
  void anOptionalStoreResolvedInputIsLeftUnboundAndSaidSo() {
    var gen = Node.of(new ExampleGen()).withParameters(ExampleGenParameters.defaults().withInput("/data/trips.csv"));
    var trainer = Node.of(new io.beamline.trainer.Trainer())
        .withParameters(io.beamline.trainer.TrainerParameters.forLabel("big_tipper"));
    var stats = Node.of(new StatisticsGen()).withInput(StatisticsGen.EXAMPLES, gen.output(ExampleGen.EXAMPLES));
    var schema = Node.of(new io.beamline.schemagen.SchemaGen())
        .withInput(io.beamline.schemagen.SchemaGen.STATISTICS, stats.output(StatisticsGen.STATISTICS));
    trainer = trainer.withInput(io.beamline.trainer.Trainer.EXAMPLES, gen.output(ExampleGen.EXAMPLES))
        .withInput(io.beamline.trainer.Trainer.SCHEMA, schema.output(io.beamline.schemagen.SchemaGen.SCHEMA))
        .withInput(io.beamline.trainer.Trainer.STATISTICS, stats.output(StatisticsGen.STATISTICS));
    var eval = Node.of(new Evaluator()).withParameters(EvaluatorParameters.forLabel("big_tipper"))
        .withInput(Evaluator.EXAMPLES, gen.output(ExampleGen.EXAMPLES))
        .withInput(Evaluator.MODEL, trainer.output(io.beamline.trainer.Trainer.MODEL))
        .withInput(Evaluator.BASELINE_MODEL, LatestBlessedModel.of());
    JsonNode spec = COMPILER.compile(Pipeline.of("taxi", gen, stats, schema, trainer, eval)).tree();
    assertFalse(spec.at("/root/dag/tasks/evaluator/inputs/artifacts").has("baseline_model"));
    assertTrue(spec.at("/pipelineInfo/description").asText().contains("Evaluator.baseline_model"), spec.at("/pipelineInfo").toString());
    assertEquals(List.of(), PipelineSpecRules.violations(spec));
  }

  @Test
  void rejectsNodesThatWouldShareATaskName() {
    var a = Node.of(new ExampleGen()).withId("Example_Gen").withParameters(ExampleGenParameters.defaults().withInput("x"));
    var b = Node.of(new ExampleGen()).withId("example-gen").withParameters(ExampleGenParameters.defaults().withInput("y"));
    PipelineDefinitionException e = assertThrows(PipelineDefinitionException.class,
        () -> COMPILER.compile(Pipeline.of("p", a, b)));
    assertTrue(e.getMessage().contains("'Example_Gen' and 'example-gen' both become Kubeflow task 'example-gen'"), e.getMessage());
  }

  @Test
  void serverRulesNameEveryDanglingReference() {
    ObjectNode spec = COMPILER.compile(KfpFixtures.dataPipeline("/data/trips.csv")).tree().deepCopy();
    ObjectNode tasks = (ObjectNode) spec.at("/root/dag/tasks");
    ((ObjectNode) tasks.at("/schemagen/componentRef")).put("name", "comp-nope");
    ((ObjectNode) tasks.at("/examplevalidator/inputs/artifacts/statistics/taskOutputArtifact")).put("outputArtifactKey", "stats");
    ((ArrayNode) tasks.at("/statisticsgen/dependentTasks")).removeAll();
    ((ObjectNode) tasks.at("/examplegen/inputs/parameters/input")).put("componentInputParameter", "no_such_param");
    ((ObjectNode) spec.at("/components/comp-examplegen")).put("executorLabel", "exec-missing");
    ArrayNode args = (ArrayNode) spec.at("/deploymentSpec/executors/exec-statisticsgen/container/args");
    args.add("{{$.inputs.parameters['no_such']}}").add("{{$.outputs.artifacts['statistics'].uri}}").add("{{$.nonsense}}");
    spec.put("schemaVersion", "2.0.0");
    ((ObjectNode) spec.path("pipelineInfo")).put("name", "Small_Data");
    List<String> v = PipelineSpecRules.violations(spec);
    assertEquals(List.of(
        "schemaVersion must be 2.1.0, got '2.0.0'",
        "pipelineInfo.name 'Small_Data' is not lower-case letters, digits and '-'",
        "component comp-examplegen: executorLabel 'exec-missing' names no executor in deploymentSpec",
        "component comp-statisticsgen: placeholder {{$.inputs.parameters['no_such']}} names no input parameter",
        "component comp-statisticsgen: placeholder {{$.nonsense}} is not one KFP resolves",
        "task examplegen: parameter 'input' names unknown pipeline parameter 'no_such_param'",
        "task statisticsgen: producer task 'examplegen' is missing from dependentTasks",
        "task schemagen: componentRef 'comp-nope' names no component",
        "task examplevalidator: input 'statistics': task statisticsgen has no output artifact 'stats'"), v);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PipelineSpecDocument.checked(spec));
    assertTrue(e.getMessage().startsWith("Pipeline spec 'Small_Data' would be refused by Kubeflow Pipelines: schemaVersion"), e.getMessage());
  }

  @Test
  void protoSchemaCatchesAMisspeltField() {
    ObjectNode spec = COMPILER.compile(KfpFixtures.dataPipeline("/data/trips.csv")).tree().deepCopy();
    ((ObjectNode) spec.at("/root/dag/tasks/schemagen")).put("dependsOn", "statisticsgen");
    ((ObjectNode) spec.at("/components/comp-schemagen/inputDefinitions/parameters/split")).put("parameterType", "TEXT");
    assertEquals(2, KfpFixtures.schemaErrors(spec).size(), KfpFixtures.schemaErrors(spec).toString());
  }

  @Test
  void aCycleIsNamed() {
    ObjectNode spec = COMPILER.compile(KfpFixtures.dataPipeline("/data/trips.csv")).tree().deepCopy();
    ((ObjectNode) spec.at("/root/dag/tasks/examplegen")).putArray("dependentTasks").add("examplegen-again");
    assertTrue(PipelineSpecRules.violations(spec).stream().anyMatch(v -> v.startsWith("the DAG has a cycle through task")),
        PipelineSpecRules.violations(spec).toString());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
