package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.Json;
import io.beamline.kfp.KfpCompiler;
import io.beamline.kfp.KfpImage;
import io.beamline.kfp.LocalPipelineRunner;
import io.beamline.kfp.LocalRunResult;
import io.beamline.kfp.PipelineSpecDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled taxi pipeline, run from its YAML as KFP would run it (each task a process given its
 * ExecutorInput), on this machine: the same answers as {@code beamline demo}.
 */
class KfpLocalRunTest {
  @TempDir Path tmp;

  @Test
  void theCompiledTaxiPipelineGivesTheDemosAnswers() throws Exception {
    Path csv = Path.of("..", "examples", "data", "taxi", "big_tipper.csv").toAbsolutePath().normalize();
    Path yaml = tmp.resolve("chicago-taxi.yaml");
    KfpCompiler.forImage(KfpImage.defaults()).compile(TaxiPipeline.of(csv, tmp.resolve("unused"))).writeTo(yaml);

    LocalRunResult run = LocalPipelineRunner.at(tmp.resolve("kfp-root"))
        .withParameter("pusher_destination", tmp.resolve("serving").toString())
        .withCommandRewrite(LocalPipelineRunner.launcherOnThisMachine())
        .run(PipelineSpecDocument.read(yaml));
    assertTrue(run.succeeded(), run::report);
    assertEquals(java.util.List.of("examplegen", "statisticsgen", "schemagen", "examplevalidator", "trainer", "evaluator",
        "pusher"), java.util.List.copyOf(run.tasks().keySet()));

    JsonNode examples = run.task("examplegen").metadata("examples");
    assertEquals(9_963, examples.at("/split_counts/train").asLong());
    assertEquals(5_039, examples.at("/split_counts/eval").asLong());
    JsonNode anomalies = run.task("examplevalidator").metadata("anomalies");
    assertEquals(0, anomalies.at("/anomaly_count/train").asLong(-1));
    assertEquals(3, anomalies.at("/anomaly_count/train").asLong() + anomalies.at("/anomaly_count/eval").asLong(), anomalies.toString());
    JsonNode evaluation = run.task("evaluator").metadata("evaluation");
    assertEquals("0.9460", String.format(Locale.ROOT, "%.4f", evaluation.at("/overall/auc").asDouble()), evaluation.toString());
    JsonNode blessing = run.task("evaluator").metadata("blessing");
    assertTrue(blessing.path("blessed").asBoolean(), blessing.toString());
    JsonNode pushed = run.task("pusher").metadata("pushed_model");
    assertTrue(pushed.path("pushed").asBoolean(), pushed.toString());
    assertTrue(Files.exists(tmp.resolve("serving").resolve(pushed.path("version").asText()).resolve("saved_model.pb")), pushed.toString());

    // Each task's ExecutorInput is on disk as KFP's launcher would give it, the upstream metadata included.
    JsonNode input = Json.tree(Files.readString(run.runRoot().resolve("statisticsgen").resolve("executor_input.json")));
    assertEquals(9_963, input.at("/inputs/artifacts/examples/artifacts/0/metadata/split_counts/train").asLong());
    assertEquals(run.runRoot().resolve("statisticsgen").resolve("statistics").toString(),
        input.at("/outputs/artifacts/statistics/artifacts/0/uri").asText());
  }
}
