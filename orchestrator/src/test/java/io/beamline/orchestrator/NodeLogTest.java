package io.beamline.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.Execution;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.TestComponents.Chatty;
import io.beamline.orchestrator.TestComponents.ChattyParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each node's log: what it and Beam print, kept with its execution, bounded, never another node's. */
class NodeLogTest {
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

  private String logOf(PipelineRunResult run, String node) {
    Execution e = store.getExecution(run.node(node).executionId()).orElseThrow();
    Path file = ExecutionLog.of(e).orElseThrow();
    assertTrue(file.startsWith(Path.of(root.uri())), file + " lies under the artifact root");
    return ExecutionLog.read(file);
  }

  @Test
  void nodeLogHoldsStdoutStderrJulAndBeamWorkerLinesOfThatNodeOnly() {
    var a = Node.of(new Chatty()).withId("a").withParameters(new ChattyParameters(2, false));
    var b = Node.of(new Chatty()).withId("b").withParameters(new ChattyParameters(5, false));
    PipelineRunResult run = LocalOrchestrator.using(store, root).run(Pipeline.of("talk", a, b));
    assertTrue(run.succeeded(), run.error().toString());

    String logA = logOf(run, "a");
    assertTrue(logA.contains("chatty line 1\n"), logA);
    assertFalse(logA.contains("chatty line 2\n"), "b's lines stay out of a's log (both ran in parallel): " + logA);
    assertTrue(logA.contains("chatty on stderr\n"), logA);
    assertTrue(logA.contains("WARNING chatty - chatty warning via JUL"), logA);
    assertTrue(logA.contains("beam worker says w1\n") && logA.contains("beam worker says w2\n"), logA);
    assertTrue(logOf(run, "b").contains("chatty line 4\n"));
  }

  @Test
  void failedNodeLogEndsWithItsError() {
    var a = Node.of(new Chatty()).withParameters(new ChattyParameters(1, true));
    PipelineRunResult run = LocalOrchestrator.using(store, root).run(Pipeline.of("talk", a));
    assertFalse(run.succeeded());
    String log = logOf(run, "Chatty");
    assertTrue(log.contains("chatty line 0\n"), log);
    assertTrue(log.contains("ERROR io.beamline.core.InvalidInputException: chatty failed on purpose"), log);
  }

  @Test
  void logKeepsItsHeadAndTailWithinBounds() throws Exception {
    Path file = home.resolve("logs/node.log");
    try (NodeLog log = NodeLog.start(file)) {
      for (int i = 0; i < 40_000; i++) {
        log.line("line " + i);
      }
    }
    long size = Files.size(file);
    assertTrue(size <= NodeLog.HEAD_BYTES + NodeLog.TAIL_BYTES + 200, "bounded: " + size);
    String log = ExecutionLog.read(file);
    assertTrue(log.startsWith("line 0\n"), "the head is kept");
    assertTrue(log.contains("\nline 39999\n"), "the tail is kept");
    assertTrue(log.contains("lines (") && log.contains("bytes) left out"), "and it says what was left out");
    assertFalse(log.contains("\nline 20000\n"), "the middle is not");
  }
}
