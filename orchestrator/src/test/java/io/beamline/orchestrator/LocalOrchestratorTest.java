package io.beamline.orchestrator;

import static io.beamline.orchestrator.TestComponents.concat;
import static io.beamline.orchestrator.TestComponents.countLines;
import static io.beamline.orchestrator.TestComponents.writeText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.Event;
import io.beamline.metadata.EventType;
import io.beamline.metadata.Execution;
import io.beamline.metadata.ExecutionState;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.StoreKind;
import io.beamline.orchestrator.TestComponents.PoisonParameters;
import io.beamline.orchestrator.TestComponents.WriteParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class LocalOrchestratorTest {
  @Parameter StoreKind kind;
  @TempDir Path home;
  private MetadataStore store;
  private ArtifactRoot root;

  @BeforeEach
  void open() {
    store = kind.open(home);
    root = ArtifactRoot.of(home.resolve("artifacts").toString());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Pipeline countPipeline(String poison) {
    var write = Node.of(writeText()).withParameters(new WriteParameters(List.of("x", "y", "z")));
    var count = Node.of(countLines()).withParameters(new PoisonParameters(poison))
        .withInput("text", write.output("text"));
    return Pipeline.of("counting", write, count);
  }

  @Test
  void runRecordsExecutionsEventsAndLiveOutputs() throws Exception {
    PipelineRunResult run = LocalOrchestrator.using(store, root).run(countPipeline(""));

    assertTrue(run.succeeded());
    NodeResult count = run.node("CountLines");
    assertEquals(NodeState.COMPLETE, count.state());
    assertEquals(3L, count.output("counts").properties().getLong("lines"));

    Artifact counts = store.getArtifact(count.output("counts").id()).orElseThrow();
    assertEquals(ArtifactState.LIVE, counts.state());
    String expectedUri = root.outputUri("counting", "CountLines", "counts", count.executionId());
    assertEquals(expectedUri, counts.uri());
    assertEquals("3", Files.readString(Path.of(expectedUri, "count.txt")).trim());

    Execution exec = store.getExecution(count.executionId()).orElseThrow();
    assertEquals(ExecutionState.COMPLETE, exec.state());
    assertEquals("CountLines", exec.type());
    List<Event> events = store.getEventsByExecutionIds(List.of(exec.id()));
    assertEquals(Set.of("INPUT text " + run.node("WriteText").output("text").id(), "OUTPUT counts " + counts.id()),
        events.stream().map(e -> e.type() + " " + e.key() + " " + e.artifactId()).collect(Collectors.toSet()));

    Context runContext = store.getContext(ContextTypes.PIPELINE_RUN, run.runName()).orElseThrow();
    assertEquals(2, store.getExecutionsByContext(runContext.id()).size());
    assertEquals(2, store.getArtifactsByContext(runContext.id()).size());
    assertEquals("COMPLETE", runContext.customProperties().get(StoreKeys.RUN_STATE).toJava());
  }

  @Test
  void secondRunIsServedFromCacheUnlessCachingIsOff() {
    PipelineRunResult first = LocalOrchestrator.using(store, root).run(countPipeline(""));
    PipelineRunResult second = LocalOrchestrator.using(store, root).run(countPipeline(""));

    assertEquals(NodeState.CACHED, second.node("WriteText").state());
    assertEquals(NodeState.CACHED, second.node("CountLines").state());
    assertEquals(first.node("CountLines").output("counts").id(), second.node("CountLines").output("counts").id());
    assertEquals(ExecutionState.CACHED, store.getExecution(second.node("CountLines").executionId()).orElseThrow().state());

    PipelineRunResult third = LocalOrchestrator.using(store, root).withCaching(false).run(countPipeline(""));
    assertEquals(NodeState.COMPLETE, third.node("CountLines").state());
    assertFalse(first.node("CountLines").output("counts").id() == third.node("CountLines").output("counts").id());
  }

  @Test
  void changedParametersAreNotServedFromCache() {
    LocalOrchestrator.using(store, root).run(countPipeline(""));
    var write = Node.of(writeText()).withParameters(new WriteParameters(List.of("only one")));
    var count = Node.of(countLines()).withInput("text", write.output("text"));
    PipelineRunResult run = LocalOrchestrator.using(store, root).run(Pipeline.of("counting", write, count));
    assertEquals(NodeState.COMPLETE, run.node("WriteText").state());
    assertEquals(NodeState.COMPLETE, run.node("CountLines").state());
    assertEquals(1L, run.node("CountLines").output("counts").properties().getLong("lines"));
  }

  @Test
  void failingNodeAbandonsItsOutputsSkipsDependentsAndTheRerunResumes() throws Exception {
    Path poison = Files.writeString(home.resolve("poison"), "fail");
    var write = Node.of(writeText()).withParameters(new WriteParameters(List.of("x", "y")));
    var left = Node.of(concat()).withId("join").withParameters(new PoisonParameters(poison.toString()))
        .withInput("left", write.output("text")).withInput("right", write.output("text"));
    var count = Node.of(countLines()).withInput("text", left.output("text"));
    Pipeline pipeline = Pipeline.of("fragile", write, left, count);

    PipelineRunResult failed = LocalOrchestrator.using(store, root).run(pipeline);
    assertFalse(failed.succeeded());
    assertEquals(NodeState.COMPLETE, failed.node("WriteText").state());
    assertEquals(NodeState.FAILED, failed.node("join").state());
    assertEquals(NodeState.SKIPPED, failed.node("CountLines").state());
    assertEquals("Node 'join' failed: Concat poisoned by " + poison, failed.error().orElseThrow());

    Execution failedExec = store.getExecution(failed.node("join").executionId()).orElseThrow();
    assertEquals(ExecutionState.FAILED, failedExec.state());
    assertEquals("Concat poisoned by " + poison, failedExec.errorMessage());
    List<Artifact> joinOutputs = store.getArtifactsByType("Text").stream()
        .filter(a -> a.uri().contains("/join/")).toList();
    assertEquals(1, joinOutputs.size());
    assertEquals(ArtifactState.ABANDONED, joinOutputs.get(0).state());
    assertFalse(Files.exists(Path.of(joinOutputs.get(0).uri())), "an abandoned output is never published");
    Context failedRun = store.getContext(ContextTypes.PIPELINE_RUN, failed.runName()).orElseThrow();
    assertEquals("FAILED", failedRun.customProperties().get(StoreKeys.RUN_STATE).toJava());

    Files.delete(poison);
    PipelineRunResult resumed = LocalOrchestrator.using(store, root).run(pipeline);
    assertTrue(resumed.succeeded());
    assertEquals(NodeState.CACHED, resumed.node("WriteText").state());
    assertEquals(failed.node("WriteText").output("text").id(), resumed.node("WriteText").output("text").id());
    assertEquals(NodeState.COMPLETE, resumed.node("join").state());
    assertEquals(4L, resumed.node("CountLines").output("counts").properties().getLong("lines"));
    assertTrue(store.getArtifactsByType("Text").stream()
        .noneMatch(a -> a.uri().contains("/join/") && a.state() == ArtifactState.LIVE && a.id() == joinOutputs.get(0).id()));
  }

  @Test
  void independentNodesBothRunAndFeedTheirJoin() {
    var left = Node.of(writeText()).withId("left").withParameters(new WriteParameters(List.of("1", "2")));
    var right = Node.of(writeText()).withId("right").withParameters(new WriteParameters(List.of("3")));
    var join = Node.of(concat()).withInput("left", left.output("text")).withInput("right", right.output("text"));
    var count = Node.of(countLines()).withInput("text", join.output("text"));
    PipelineRunResult run = LocalOrchestrator.using(store, root).withMaxParallelNodes(2)
        .run(Pipeline.of("diamond", count, join, right, left));
    assertTrue(run.succeeded());
    assertEquals(3L, run.node("CountLines").output("counts").properties().getLong("lines"));
  }

  private PipelineRunResult train(double quality) {
    var trainer = Node.of(new TestComponents.FakeTrainer()).withParameters(new TestComponents.ModelParameters(quality));
    var judge = Node.of(new TestComponents.Judge())
        .withInput("model", trainer.output("model"))
        .withInput("baseline_model", LatestBlessedModel.of());
    return LocalOrchestrator.using(store, root).run(Pipeline.of("training", trainer, judge));
  }

  private boolean blessed(PipelineRunResult run) {
    return run.node("Judge").output("blessing").properties().getBoolean("blessed");
  }

  private Long baselineOf(PipelineRunResult run) {
    var props = run.node("Judge").output("blessing").properties();
    return props.has("baseline_model_id") ? props.getLong("baseline_model_id") : null;
  }

  @Test
  void evaluatorBaselineIsTheLatestBlessedModelButNeverTheCandidateItself() {
    PipelineRunResult first = train(0.7);
    assertTrue(blessed(first), "with no baseline the first model is blessed");
    assertEquals(null, baselineOf(first));
    long firstModel = first.node("FakeTrainer").output("model").id();

    PipelineRunResult worse = train(0.6);
    assertFalse(blessed(worse));
    assertEquals(firstModel, baselineOf(worse));

    PipelineRunResult better = train(0.8);
    assertTrue(blessed(better));
    assertEquals(firstModel, baselineOf(better), "the unblessed 0.6 model is never a baseline");

    PipelineRunResult again = train(0.8);
    assertEquals(NodeState.CACHED, again.node("FakeTrainer").state());
    assertEquals(NodeState.CACHED, again.node("Judge").state(),
        "the cached candidate is left out, so the baseline and the cache key are those of the last run");
    assertEquals(firstModel, baselineOf(again));
  }
}
