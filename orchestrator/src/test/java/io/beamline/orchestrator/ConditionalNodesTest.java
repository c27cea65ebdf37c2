package io.beamline.orchestrator;

import static io.beamline.orchestrator.TestComponents.concat;
import static io.beamline.orchestrator.TestComponents.countLines;
import static io.beamline.orchestrator.TestComponents.writeText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.Execution;
import io.beamline.metadata.ExecutionState;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.TestComponents.WriteParameters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionalNodesTest {
  @TempDir Path home;
  private MetadataStore store;
  private ArtifactRoot root;

  @BeforeEach
  void open() {
    store = MetadataStore.openSqlite(home.resolve("metadata.sqlite"));
    root = ArtifactRoot.of(home.resolve("artifacts").toString());
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** left (N lines) + right (2) -> Concat, only when left has {@code wanted} lines -> CountLines. */
  private static Pipeline pipeline(int lines, long wanted) {
    var left = Node.of(writeText()).withId("Left")
        .withParameters(new WriteParameters(java.util.Collections.nCopies(lines, "l")));
    var right = Node.of(writeText()).withId("Right");
    var join = Node.of(concat()).withInput("left", left.output("text")).withInput("right", right.output("text"))
        .when(Conditions.anyOf(Conditions.propertyIs(left.output("text"), "line_count", wanted)));
    var count = Node.of(countLines()).withInput("text", join.output("text"));
    return Pipeline.of("conditional", left, right, join, count);
  }

  private Map<String, Execution> executions(PipelineRunResult run) {
    Context runContext = store.getContext(ContextTypes.PIPELINE_RUN, run.runName()).orElseThrow();
    return store.getExecutionsByContext(runContext.id()).stream()
        .collect(Collectors.toMap(Execution::name, e -> e));
  }

  @Test
  void falseConditionSkipsTheNodeAndItsDependentsAndRecordsWhy() {
    PipelineRunResult run = LocalOrchestrator.using(store, root).run(pipeline(3, 5));

    assertTrue(run.succeeded(), "a skip is a decision, not a failure");
    assertEquals(NodeState.COMPLETE, run.node("Left").state());
    assertEquals(NodeState.SKIPPED, run.node("Concat").state());
    assertEquals(NodeState.SKIPPED, run.node("CountLines").state());
    assertEquals("Node 'Concat' skipped: Left.text line_count is 3, not 5", run.node("Concat").error().orElseThrow());

    Map<String, Execution> recorded = executions(run);
    Execution concat = recorded.get("Concat");
    assertEquals(ExecutionState.NEW, concat.state());
    assertEquals("SKIPPED", RunSummary.nodeState(concat));
    assertEquals("Node 'Concat' skipped: Left.text line_count is 3, not 5", RunSummary.skipReason(concat).orElseThrow());
    assertEquals("SKIPPED", RunSummary.nodeState(recorded.get("CountLines")));
    assertEquals("Node 'CountLines' skipped: upstream Concat SKIPPED",
        RunSummary.skipReason(recorded.get("CountLines")).orElseThrow());
    assertEquals("COMPLETE", RunSummary.nodeState(recorded.get("Left")));
    assertEquals(List.of(), store.getEventsByExecutionIds(List.of(concat.id())), "a skipped node has no outputs");
  }

  @Test
  void trueConditionRunsTheNode() {
    PipelineRunResult run = LocalOrchestrator.using(store, root).run(pipeline(5, 5));
    assertEquals(NodeState.COMPLETE, run.node("Concat").state());
    assertEquals(7L, run.node("CountLines").output("counts").properties().getLong("lines"));
  }

  @Test
  void conditionOnAnUnknownNodeIsRejected() {
    var left = Node.of(writeText()).withId("Left");
    var ghost = Node.of(writeText()).withId("Ghost");
    var count = Node.of(countLines()).withInput("text", left.output("text"))
        .when(Conditions.propertyIs(ghost.output("text"), "line_count", 1));
    var e = assertThrows(PipelineDefinitionException.class, () -> Pipeline.of("p", left, count));
    assertTrue(e.getMessage().contains("Ghost"), e.getMessage());
  }
}
