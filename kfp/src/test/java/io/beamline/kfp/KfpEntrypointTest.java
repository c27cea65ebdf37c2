package io.beamline.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.examplegen.ExampleGen;
import io.beamline.statsgen.StatisticsGen;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One step as KFP runs it: ExecutorInput in, artifacts through the launcher's mounts, ExecutorOutput out. */
class KfpEntrypointTest {
  @TempDir Path tmp;
  private ArtifactUriMapping mounts;
  private Path csv;

  @BeforeEach
  void setUp() throws Exception {
    mounts = ArtifactUriMapping.under(tmp.toString());
    csv = KfpFixtures.smallCsv(tmp);
  }

  @Test
  void mapsTheLaunchersMountsAndLeavesLocalPathsAlone() {
    ArtifactUriMapping kfp = ArtifactUriMapping.kfpLauncher();
    assertEquals("/gcs/bucket/run/task/examples", kfp.localPath("gs://bucket/run/task/examples"));
    assertEquals("/minio/mlpipeline/v2/artifacts/x", kfp.localPath("minio://mlpipeline/v2/artifacts/x"));
    assertEquals("/s3/b/k", kfp.localPath("s3://b/k"));
    assertEquals("/tmp/x", kfp.localPath("/tmp/x"));
    assertEquals("/tmp/x y", kfp.localPath("file:///tmp/x%20y"));
  }

  @Test
  void runsExampleGenThenStatisticsGenOnBucketUrisAndReportsTheirProperties() throws Exception {
    ObjectNode genInput = executorInput("{\"input\": \"" + csv + "\", \"splits\": [{\"name\": \"train\", \"buckets\": 3},"
        + " {\"name\": \"eval\", \"buckets\": 1}], \"beam_args\": [\"--parallelism=1\"]}", "{}",
        "{\"examples\": \"gs://bucket/run/examplegen/examples\", \"rejects\": \"gs://bucket/run/examplegen/rejects\"}",
        "gs://bucket/run/examplegen/executor_output.json");
    JsonNode genOutput = KfpEntrypoint.of(new ExampleGen()).withUriMapping(mounts).run(Json.write(genInput));

    Path written = tmp.resolve("gcs/bucket/run/examplegen/executor_output.json");
    assertEquals(Json.write(genOutput), Json.write(Json.tree(Files.readString(written))));
    JsonNode examples = genOutput.at("/artifacts/examples/artifacts/0");
    assertEquals("gs://bucket/run/examplegen/examples", examples.path("uri").asText());
    assertEquals("Examples", examples.at("/metadata/beamline_type").asText());
    long train = examples.at("/metadata/split_counts/train").asLong();
    long eval = examples.at("/metadata/split_counts/eval").asLong();
    assertEquals(12, train + eval, examples.toString());
    assertTrue(Files.isDirectory(tmp.resolve("gcs/bucket/run/examplegen/examples/Split-train")));
    assertEquals(0, genOutput.at("/artifacts/rejects/artifacts/0/metadata/reject_count").asLong(-1));

    // The next step gets the artifact as KFP passes it: the producer's uri and metadata.
    ObjectNode statsInput = executorInput("{}", "{\"examples\": " + Json.write(examples) + "}",
        "{\"statistics\": \"gs://bucket/run/statisticsgen/statistics\"}", "/tmp-out/executor_output.json");
    ((ObjectNode) statsInput.path("outputs")).put("outputFile", tmp.resolve("statistics_output.json").toString());
    JsonNode statsOutput = KfpEntrypoint.of(new StatisticsGen()).withUriMapping(mounts).run(Json.write(statsInput));
    assertEquals("ExampleStatistics", statsOutput.at("/artifacts/statistics/artifacts/0/metadata/beamline_type").asText());
    var trainStats = StatisticsJson.readSplit(tmp.resolve("gcs/bucket/run/statisticsgen/statistics").toString(), "train").whole();
    assertEquals(train, trainStats.numExamples());
  }

  @Test
  void aFailedRunPublishesNothingAndWritesNoExecutorOutput() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.csv"), "id,fare\n1,2.0\n2,3.0,extra\n");
    ObjectNode input = executorInput("{\"input\": \"" + bad + "\"}", "{}",
        "{\"examples\": \"gs://b/examples\", \"rejects\": \"gs://b/rejects\"}", "gs://b/executor_output.json");
    BeamlineException e = assertThrows(BeamlineException.class,
        () -> KfpEntrypoint.of(new ExampleGen()).withUriMapping(mounts).run(Json.write(input)));
    assertTrue(e.getMessage().startsWith("1 of 2 input rows were rejected"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("gcs/b/examples")), "not published");
    assertFalse(Files.exists(tmp.resolve("gcs/b/executor_output.json")));
  }

  @Test
  void badInputIsNamed() {
    var entry = KfpEntrypoint.of(new StatisticsGen()).withUriMapping(mounts);
    String outputs = "{\"statistics\": \"gs://b/statistics\"}";
    String examples = "{\"examples\": {\"artifacts\": [{\"uri\": \"gs://b/examples\"}]}}";
    assertEquals("StatisticsGen: the executor input is not JSON: Unrecognized token 'nope': was expecting"
            + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        assertThrows(InvalidInputException.class, () -> entry.run("nope")).getMessage());
    assertTrue(assertThrows(InvalidParameterException.class,
            () -> entry.run(Json.write(executorInput("{\"splitNamez\": []}", examples, outputs, "/o.json")))).getMessage()
        .startsWith("StatisticsGen has no parameter 'splitNamez'; its parameters are [splitNames, statistics]"));
    assertTrue(assertThrows(InvalidParameterException.class,
            () -> entry.run(Json.write(executorInput("{\"splitNames\": 3}", examples, outputs, "/o.json")))).getMessage()
        .startsWith("StatisticsGen: parameters {\"splitNames\":3} do not fit StatisticsGenParameters"));
    assertEquals("StatisticsGen: required input artifact 'examples' (Examples) is missing from the executor input",
        assertThrows(InvalidInputException.class,
            () -> entry.run(Json.write(executorInput("{}", "{}", outputs, "/o.json")))).getMessage());
    assertEquals("StatisticsGen: input 'examples' expects Examples, got a Model at gs://b/examples",
        assertThrows(InvalidInputException.class, () -> entry.run(Json.write(executorInput("{}",
            "{\"examples\": {\"artifacts\": [{\"uri\": \"gs://b/examples\", \"metadata\": {\"beamline_type\": \"Model\"}}]}}",
            outputs, "/o.json")))).getMessage());
    assertEquals("StatisticsGen: each of beam_args must be an option '--name=value', got \"FlinkRunner\"",
        assertThrows(InvalidParameterException.class, () -> entry.run(Json.write(executorInput(
            "{\"beam_args\": [\"FlinkRunner\"]}", examples, outputs, "/o.json")))).getMessage());
  }

  /** An ExecutorInput as KFP's launcher writes it; {@code outputs} maps each output key to its URI. */
  private static ObjectNode executorInput(String parameterValues, String inputArtifacts, String outputs, String outputFile) {
    ObjectNode input = Json.mapper().createObjectNode();
    ObjectNode inputs = input.putObject("inputs");
    inputs.set("parameterValues", Json.tree(parameterValues));
    ObjectNode artifacts = inputs.putObject("artifacts");
    Json.tree(inputArtifacts).fields().forEachRemaining(a -> {
      JsonNode value = a.getValue();
      artifacts.set(a.getKey(), value.has("artifacts") ? value : Json.mapper().createObjectNode().set("artifacts",
          Json.mapper().createArrayNode().add(value)));
    });
    ObjectNode out = input.putObject("outputs");
    ObjectNode outArtifacts = out.putObject("artifacts");
    Json.tree(outputs).fields().forEachRemaining(o -> {
      ObjectNode a = outArtifacts.putObject(o.getKey()).putArray("artifacts").addObject();
      a.put("name", o.getKey());
      a.putObject("type").put("schemaTitle", "system.Artifact");
      a.put("uri", o.getValue().asText());
      a.putObject("metadata");
    });
    out.put("outputFile", outputFile);
    return input;
  }
}
