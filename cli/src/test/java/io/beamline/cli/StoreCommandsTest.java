package io.beamline.cli;

import static io.beamline.orchestrator.TestComponents.countLines;
import static io.beamline.orchestrator.TestComponents.writeText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.PostgresServer;
import io.beamline.orchestrator.LocalOrchestrator;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;
import io.beamline.orchestrator.PipelineRunResult;
import io.beamline.orchestrator.TestComponents.WriteParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beamline gc}, and the store commands on a shared PostgreSQL store (--store, $BEAMLINE_STORE). */
class StoreCommandsTest {
  @TempDir Path tmp;

  /** Three runs with caching off, so each run has outputs of its own. */
  private static List<PipelineRunResult> threeRuns(BeamlineHome h) {
    List<PipelineRunResult> runs = new ArrayList<>();
    try (MetadataStore store = h.openStore()) {
      for (int i = 0; i < 3; i++) {
        var write = Node.of(writeText()).withParameters(new WriteParameters(List.of("a", "b")));
        var count = Node.of(countLines()).withInput("text", write.output("text"));
        PipelineRunResult run = LocalOrchestrator.using(store, h.artifactRoot()).withCaching(false)
            .run(Pipeline.of("gc_test", write, count));
        assertTrue(run.succeeded(), run.toString());
        runs.add(run);
      }
    }
    return runs;
  }

  private static List<Long> outputsOf(PipelineRunResult run) {
    return List.of(run.node("WriteText").output("text").id(), run.node("CountLines").output("counts").id());
  }

  @Test
  void gcDryRunListsAndGcDeletesTheRunsNotKept() {
    Path home = tmp.resolve("home");
    List<PipelineRunResult> runs = threeRuns(new BeamlineHome(home));
    List<Long> doomed = new ArrayList<>(outputsOf(runs.get(0)));
    doomed.addAll(outputsOf(runs.get(1)));

    CliRunner.Result dry = CliRunner.run("gc", "--home", home.toString(), "--keep-last", "1", "--dry-run");
    assertEquals(0, dry.code(), dry.err());
    assertTrue(dry.out().startsWith("Policy: keep the last 1 runs of each pipeline. Runs kept: 1; collected: 2.\n"
        + "Would delete 4 artifacts:\n"), dry.out());
    for (long id : doomed) {
      assertTrue(dry.out().contains("\n  " + id + " "), id + " in\n" + dry.out());
    }
    assertEquals("No artifacts.\n",
        CliRunner.run("artifacts", "--home", home.toString(), "--state", "DELETED").out());

    CliRunner.Result gc = CliRunner.run("gc", "--home", home.toString(), "--keep-last", "1");
    assertEquals(0, gc.code(), gc.err());
    assertTrue(gc.out().endsWith("Deleted 4 artifacts; removed 4 payloads.\n"), gc.out());
    try (MetadataStore store = new BeamlineHome(home).openStore()) {
      for (long id : doomed) {
        Artifact a = store.getArtifact(id).orElseThrow();
        assertEquals(ArtifactState.DELETED, a.state());
        assertFalse(Files.exists(Path.of(a.uri())), a.uri());
      }
      for (long id : outputsOf(runs.get(2))) {
        Artifact a = store.getArtifact(id).orElseThrow();
        assertEquals(ArtifactState.LIVE, a.state());
        assertTrue(Files.isDirectory(Path.of(a.uri())), a.uri());
      }
    }
  }

  @Test
  void gcWithoutAPolicyIsBadUsage() {
    CliRunner.Result none = CliRunner.run("gc", "--home", tmp.toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("a retention policy needs keep-last of at least 1 or an older-than age"),
        none.err());
    CliRunner.Result badAge = CliRunner.run("gc", "--home", tmp.toString(), "--older-than", "soon");
    assertEquals(2, badAge.code());
    assertTrue(badAge.err().contains("--older-than soon: expected a duration such as 45m, 12h, 30d, 2w or P30D"),
        badAge.err());
  }

  @Test
  void storeCommandsWorkOnASharedPostgresqlStore() throws Exception {
    String url = PostgresServer.shared().newDatabase();
    Path home = tmp.resolve("home");
    List<PipelineRunResult> runs = threeRuns(new BeamlineHome(home, url));
    assertFalse(Files.exists(home.resolve("metadata.sqlite")), "the shared store replaces the home's file");

    CliRunner.Result list = CliRunner.run("runs", "--home", home.toString(), "--store", url);
    assertEquals(0, list.code(), list.err());
    runs.forEach(r -> assertTrue(list.out().contains(r.runName() + "  COMPLETE"), list.out()));
    long counts = runs.get(2).node("CountLines").output("counts").id();
    CliRunner.Result artifacts = CliRunner.run("artifacts", "--store", url, "--type", "LineCounts");
    assertEquals(3, artifacts.out().lines().filter(l -> l.contains("LineCounts")).count(), artifacts.out());
    CliRunner.Result lineage = CliRunner.run("lineage", String.valueOf(counts), "--store", url);
    assertEquals(0, lineage.code(), lineage.err());
    assertTrue(lineage.out().contains("WriteText"), lineage.out());
    CliRunner.Result gc = CliRunner.run("gc", "--home", home.toString(), "--store", url, "--keep-last", "2");
    assertTrue(gc.out().endsWith("Deleted 2 artifacts; removed 2 payloads.\n"), gc.out() + gc.err());

    // $BEAMLINE_STORE, in a JVM of its own since a process cannot change its own environment.
    ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        BeamlineCli.class.getName(), "runs", "--home", home.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
    child.environment().put(BeamlineHome.STORE_ENV, url);
    Process p = child.start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    String out = Files.readString(tmp.resolve("child.log"));
    assertEquals(0, p.exitValue(), out);
    runs.forEach(r -> assertTrue(out.contains(r.runName() + "  COMPLETE"), out));
  }

  @Test
  void aPasswordInTheStoreUrlIsNeverPrinted() {
    String url = PostgresServer.shared().url("no_such_db") + "?user=postgres&password=hunter2";
    CliRunner.Result r = CliRunner.run("artifacts", "--store", url);
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("beamline artifacts: Cannot open metadata store jdbc:postgresql://127.0.0.1:"),
        r.err());
    assertTrue(r.err().contains("password=***"), r.err());
    assertFalse(r.err().contains("hunter2"), r.err());
  }
}
