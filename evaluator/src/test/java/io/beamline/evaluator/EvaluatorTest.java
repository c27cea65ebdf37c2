package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.evaluator.metrics.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
  @TempDir static Path shared;
  static EvalData data;
  static Path good;
  static Path bad;
  @TempDir Path out;

  @BeforeAll
  static void fixtures() throws Exception {
    data = EvalData.write(shared.resolve("examples"), 3000, 17);
    good = TestModels.good(shared.resolve("good"));
    bad = TestModels.bad(shared.resolve("bad"));
  }

  private ComponentRun<EvaluatorParameters> run(EvaluatorParameters config, Path model, Path baseline) {
    ComponentRun<EvaluatorParameters> run = ComponentRun.of(new Evaluator())
        .withParameters(config)
        .withInput(Evaluator.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, data.uri.toString()))
        .withInput(Evaluator.MODEL, new ResolvedArtifact(7, ArtifactType.MODEL, model.toString(),
            io.beamline.core.component.ArtifactProperties.empty()))
        .withOutput(Evaluator.EVALUATION, out.resolve("evaluation").toString())
        .withOutput(Evaluator.BLESSING, out.resolve("blessing").toString());
    return baseline == null ? run : run.withInput(Evaluator.BASELINE_MODEL, new ResolvedArtifact(5,
        ArtifactType.MODEL, baseline.toString(), io.beamline.core.component.ArtifactProperties.empty()));
  }

  private EvaluationReport report() throws Exception {
    return Json.read(Files.readString(out.resolve("evaluation/metrics.json")), EvaluationReport.class);
  }

  @Test
  void slicedMetricsMatchTheDataAndTheGoodModelIsBlessed() throws Exception {
    EvaluatorParameters config = EvaluatorParameters.forLabel("label")
        .withSlicing(SlicingSpec.byFeatures("hour"), SlicingSpec.byFeatures("kind", "hour"),
            SlicingSpec.byValue("kind", "a"))
        .withThresholds(MetricThreshold.value(MetricNames.AUC, 0.7, null),
            MetricThreshold.value(MetricNames.EXAMPLE_COUNT, 10.0, null).onSlice(MetricThreshold.ALL_SLICES))
        .withMinSliceSize(200);
    ComponentResult result = run(config, good, null).run();

    EvaluationReport report = report();
    assertEquals(EvalData.exactAuc(data.examples, false),
        report.overall().candidate().values().get(MetricNames.AUC), 1e-3);
    Map<Long, Long> hours = data.examples.stream()
        .collect(Collectors.groupingBy(e -> EvalData.intValue(e, "hour"), Collectors.counting()));
    for (Map.Entry<Long, Long> h : hours.entrySet()) {
      assertEquals(h.getValue(), report.slice("hour=" + h.getKey()).candidate().exampleCount());
    }
    long kindA = data.examples.stream().filter(e -> EvalData.kind(e).equals("a")).count();
    assertEquals(kindA, report.slice("kind=a").candidate().exampleCount());
    Map<String, Long> crosses = data.examples.stream().collect(Collectors.groupingBy(
        e -> "kind=" + EvalData.kind(e) + ",hour=" + EvalData.intValue(e, "hour"), Collectors.counting()));
    long hiddenCrosses = crosses.values().stream().filter(c -> c < 200).count();
    long hiddenHours = hours.values().stream().filter(c -> c < 200).count();
    assertTrue(hiddenCrosses > 0, "the fixture has small crosses");
    assertEquals(hiddenCrosses + hiddenHours, report.hiddenSlices());
    assertEquals(1 + hours.size() - hiddenHours + crosses.size() - hiddenCrosses + 1, report.slices().size());
    assertNull(report.overall().baseline());

    ResolvedArtifact blessing = result.output(Evaluator.BLESSING);
    assertTrue(blessing.properties().getBoolean("blessed"));
    assertEquals(7L, blessing.properties().getLong("candidate_model_id"));
    assertFalse(blessing.properties().has("baseline_model_id"));
    assertTrue(Files.exists(out.resolve("blessing/BLESSED")));
    assertFalse(Files.exists(out.resolve("blessing/NOT_BLESSED")));
    assertEquals(3000L, result.output(Evaluator.EVALUATION).properties().getLong("example_count"));
    assertEquals(0, LoadedModels.loadedCount(), "the run gave back every model it loaded");
    // The pipeline's metric rows (and their part files) are read and gone: only the report remains.
    try (var files = Files.list(out.resolve("evaluation"))) {
      assertEquals(java.util.Set.of(".beamline-artifact.json", "evaluation.html", "metrics.json"),
          files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
    }

    String html = Files.readString(out.resolve("evaluation/evaluation.html"));
    assertTrue(html.contains("kind=&lt;b&gt;,hour=0"), "slice names are escaped");
    assertFalse(html.contains("<b>"));
    assertTrue(html.contains("<svg") && html.contains("<polyline"));
  }

  @Test
  void worseModelIsNotBlessedAgainstAGoodBaseline() throws Exception {
    EvaluatorParameters config = EvaluatorParameters.forLabel("label")
        .withThresholds(MetricThreshold.change(MetricNames.AUC, MetricThreshold.Direction.HIGHER_IS_BETTER, -0.01, null));
    ComponentResult result = run(config, bad, good).run();

    EvaluationReport report = report();
    double badAuc = report.overall().candidate().values().get(MetricNames.AUC);
    double goodAuc = report.overall().baseline().values().get(MetricNames.AUC);
    assertEquals(EvalData.exactAuc(data.examples, true), badAuc, 1e-3);
    assertEquals(EvalData.exactAuc(data.examples, false), goodAuc, 1e-3);
    ValidationResult v = report.validation();
    assertEquals(ValidationResult.Status.FAILED, v.status());
    ValidationResult.Failure f = v.failures().get(0);
    assertEquals(MetricNames.AUC, f.metric());
    assertEquals("Overall", f.slice());
    assertEquals(badAuc, f.value(), 1e-12);
    assertEquals(goodAuc, f.baselineValue(), 1e-12);

    ResolvedArtifact blessing = result.output(Evaluator.BLESSING);
    assertFalse(blessing.properties().getBoolean("blessed"));
    assertEquals(5L, blessing.properties().getLong("baseline_model_id"));
    assertTrue(blessing.properties().getString("message").startsWith("Not blessed: 1 threshold check(s) failed"),
        blessing.properties().getString("message"));
    assertTrue(Files.exists(out.resolve("blessing/NOT_BLESSED")));
  }

  @Test
  void noThresholdsMeansNotValidatedAndNotBlessed() throws Exception {
    ComponentResult result = run(EvaluatorParameters.forLabel("label").withWeightKey("weight"), good, null).run();
    assertEquals(ValidationResult.Status.NOT_VALIDATED, report().validation().status());
    double totalWeight = data.examples.stream().mapToDouble(e -> EvalData.value(e, "weight")).sum();
    assertEquals(totalWeight, report().overall().candidate().values().get(MetricNames.WEIGHTED_EXAMPLE_COUNT), 1e-6);
    assertFalse(result.output(Evaluator.BLESSING).properties().getBoolean("blessed"));
    assertTrue(Files.exists(out.resolve("blessing/NOT_BLESSED")));
  }

  @Test
  void twoClassOutputIsReadAtTheGivenClassIndex() throws Exception {
    Path twoClass = TestModels.twoClass(shared.resolve("two-class"));
    EvaluatorParameters config = EvaluatorParameters.forLabel("label").withModel(new ModelSpec(null, null, "probabilities", 1));
    run(config, twoClass, null).run();
    assertEquals(EvalData.exactAuc(data.examples, false),
        report().overall().candidate().values().get(MetricNames.AUC), 1e-3);

    InvalidInputException noIndex = assertThrows(InvalidInputException.class, () -> run(
        EvaluatorParameters.forLabel("label").withModel(new ModelSpec(null, null, "probabilities", null)), twoClass, null)
        .withOutput(Evaluator.EVALUATION, out.resolve("e2").toString())
        .withOutput(Evaluator.BLESSING, out.resolve("b2").toString()).run());
    assertTrue(noIndex.getMessage().contains("give class_index"), noIndex.getMessage());
  }

  @Test
  void badInputFailsClearlyAndPublishesNothing() throws Exception {
    Path other = TestModels.otherSignature(shared.resolve("other-signature"));
    InvalidInputException signature = assertThrows(InvalidInputException.class,
        () -> run(EvaluatorParameters.forLabel("label"), other, null).run());
    assertTrue(signature.getMessage().endsWith("has no signature 'serving_default'; its signatures are [predict]"),
        signature.getMessage());

    InvalidInputException output = assertThrows(InvalidInputException.class, () -> run(
        EvaluatorParameters.forLabel("label").withModel(new ModelSpec(null, null, "scores", null)), good, null).run());
    assertTrue(output.getMessage().endsWith("has no output 'scores'; its outputs are [logit, probability]"),
        output.getMessage());

    InvalidInputException label = assertThrows(InvalidInputException.class,
        () -> run(EvaluatorParameters.forLabel("tips"), good, null).run());
    assertTrue(label.getMessage().startsWith("Label feature 'tips' is missing from an example in split 'eval' of "),
        label.getMessage());

    InvalidInputException slice = assertThrows(InvalidInputException.class, () -> run(
        EvaluatorParameters.forLabel("label").withSlicing(SlicingSpec.byFeatures("trip_start_hour")), good, null).run());
    assertTrue(slice.getMessage().startsWith("Unknown slicing feature 'trip_start_hour': no example in split 'eval'"),
        slice.getMessage());

    assertFalse(Files.exists(out.resolve("evaluation")));
    assertFalse(Files.exists(out.resolve("blessing")));
  }
}
