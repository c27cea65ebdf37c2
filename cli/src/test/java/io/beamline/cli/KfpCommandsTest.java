package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.kfp.PipelineSpecDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beamline kfp component|compile|run}: the command line's side of Kubeflow Pipelines. */
class KfpCommandsTest {
  @TempDir Path tmp;

  @Test
  void componentWritesTheSpecOfTheNamedComponent() throws Exception {
    Path file = tmp.resolve("evaluator.yaml");
    CliRunner.Result r = CliRunner.run("kfp", "component", "Evaluator", "--image", "reg.example/beamline:2", "--output", file.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode spec = PipelineSpecDocument.read(file).tree();
    assertEquals("evaluator", spec.at("/pipelineInfo/name").asText());
    assertEquals("reg.example/beamline:2", spec.at("/deploymentSpec/executors/exec-evaluator/container/image").asText());
    assertEquals("system.Model", spec.at("/root/inputDefinitions/artifacts/model/artifactType/schemaTitle").asText());
    assertTrue(Files.readString(file).startsWith("# PIPELINE DEFINITION\n# Name: evaluator\n"));
  }

  @Test
  void anUnknownComponentIsNamedWithTheKnownOnes() {
    CliRunner.Result r = CliRunner.run("kfp", "component", "Nope");
    assertEquals(1, r.code());
    assertEquals("beamline kfp component: No component 'Nope'; components are [ExampleGen, StatisticsGen, CsvStatistics,"
        + " SchemaGen, ImportSchemaGen, ExampleValidator, RowValidator, Trainer, Evaluator, Pusher, Monitor, ServingSkew]", r.err().strip());
  }

  @Test
  void compileWritesTheTaxiPipelineByDefaultAndAUsersPipelineByItsFactory() {
    CliRunner.Result taxi = CliRunner.run("kfp", "compile");
    assertEquals(0, taxi.code(), taxi.err());
    JsonNode spec = PipelineSpecDocument.parse(taxi.out(), "stdout").tree();
    assertEquals("chicago-taxi", spec.at("/pipelineInfo/name").asText());
    assertEquals(KfpCompileCommand.IMAGE_TAXI_DATA, spec.at("/root/inputDefinitions/parameters/examplegen_input/defaultValue").asText());
    assertEquals("big_tipper", spec.at("/root/inputDefinitions/parameters/trainer_label/defaultValue").asText());
    assertEquals(7, spec.at("/root/dag/tasks").size());

    CliRunner.Result user = CliRunner.run("kfp", "compile", "--pipeline", OnePipeline.class.getName());
    assertEquals(0, user.code(), user.err());
    assertEquals("one", PipelineSpecDocument.parse(user.out(), "stdout").name());
    CliRunner.Result missing = CliRunner.run("kfp", "compile", "--pipeline", "no.such.Factory");
    assertEquals(1, missing.code());
    assertEquals("beamline kfp compile: --pipeline: no class no.such.Factory on the classpath", missing.err().strip());
  }

  @Test
  void runFailsWithOneLineAndWritesNothing() {
    Path out = tmp.resolve("out.json");
    String input = "{\"inputs\": {\"parameterValues\": {}}, \"outputs\": {\"artifacts\": {\"statistics\": {\"artifacts\":"
        + " [{\"uri\": \"" + tmp.resolve("stats") + "\"}]}}, \"outputFile\": \"" + out + "\"}}";
    CliRunner.Result r = CliRunner.run("kfp", "run", "--component", "StatisticsGen", "--executor-input", input);
    assertEquals(1, r.code());
    assertEquals("beamline kfp run: StatisticsGen: required input artifact 'examples' (Examples) is missing from the"
        + " executor input", r.err().strip());
    assertTrue(Files.notExists(out) && Files.notExists(tmp.resolve("stats")));
  }

  /** A user's pipeline factory, as {@code --pipeline} loads it. */
  public static final class OnePipeline implements java.util.function.Supplier<io.beamline.orchestrator.Pipeline> {
    @Override
    public io.beamline.orchestrator.Pipeline get() {
      return io.beamline.orchestrator.Pipeline.of("one", io.beamline.orchestrator.Node.of(new io.beamline.examplegen.ExampleGen())
          .withParameters(io.beamline.examplegen.ExampleGenParameters.defaults().withInput("/data/x.csv")));
    }
  }
}
