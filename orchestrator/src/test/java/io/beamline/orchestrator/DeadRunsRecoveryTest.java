package io.beamline.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.Execution;
import io.beamline.metadata.ExecutionState;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.StoreKind;
import io.beamline.metadata.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs of processes that ended without finishing, with real child JVMs killed mid-node. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class DeadRunsRecoveryTest {
  @Parameter StoreKind kind;
  @TempDir Path home;
  private String url;

  @BeforeEach
  void newStore() {
    url = kind.newStoreUrl(home);
  }

  private ArtifactRoot root() {
    return ArtifactRoot.of(home.resolve("artifacts").toString());
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void killedRunIsFailedByTheNextRunItsOutputsAbandonedAndItsStagingRemoved() throws Exception {
    BlockedRun child = BlockedRun.start(url, home.resolve("artifacts"), home);
    long pid = child.pid();
    try {
      child.awaitInsideNode().kill();
    } finally {
      child.stop();
    }

    try (MetadataStore store = MetadataStore.open(url)) {
      Context run = store.getContextsByType(ContextTypes.PIPELINE_RUN).get(0);
      assertEquals("RUNNING", RunSummary.of(store, run).state());
      Execution execution = store.getExecutionsByContext(run.id()).get(0);
      assertEquals(ExecutionState.RUNNING, execution.state());
      assertEquals(new Value.IntValue(pid), execution.customProperties().get(StoreKeys.OWNER_PID));
      Artifact output = store.getArtifactsByContext(run.id()).get(0);
      assertEquals(ArtifactState.PENDING, output.state());
      Path staging = stagingOf(output);
      assertTrue(Files.isDirectory(staging), staging + " should be left by the killed run");

      Files.writeString(home.resolve("release"), "go"); // so the rerun's node does not block
      PipelineRunResult rerun = LocalOrchestrator.using(store, root())
          .run(BlockedRun.pipeline(home.resolve("inside-node"), home.resolve("release")));

      RunSummary dead = RunSummary.of(store, store.getContext(run.id()).orElseThrow());
      assertEquals("FAILED", dead.state());
      assertTrue(dead.end().isPresent());
      String reason = dead.error().orElseThrow();
      assertTrue(reason.startsWith(DeadRuns.REASON + " (pid " + pid), reason);
      Execution failed = store.getExecution(execution.id()).orElseThrow();
      assertEquals(ExecutionState.FAILED, failed.state());
      assertEquals(reason, failed.errorMessage());
      assertEquals(ArtifactState.ABANDONED, store.getArtifact(output.id()).orElseThrow().state());
      assertFalse(Files.exists(staging), staging + " should be removed");
      assertTrue(rerun.succeeded(), rerun.toString());
      assertEquals(List.of(), DeadRuns.recover(store, root(), DeadRuns.DEFAULT_LEASE), "recovered twice");
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void liveRunInAnotherProcessIsNeverTouched() throws Exception {
    BlockedRun child = BlockedRun.start(url, home.resolve("artifacts"), home);
    try {
      child.awaitInsideNode();
      try (MetadataStore store = MetadataStore.open(url)) {
        // A zero lease would bury any run judged by heartbeat: this one is judged by its live pid.
        assertEquals(List.of(), DeadRuns.find(store, Duration.ZERO));
        assertEquals(List.of(), DeadRuns.recover(store, root(), Duration.ZERO));
        Context run = store.getContextsByType(ContextTypes.PIPELINE_RUN).get(0);
        assertEquals("RUNNING", RunSummary.of(store, run).state());
        Artifact output = store.getArtifactsByContext(run.id()).get(0);
        assertTrue(Files.isDirectory(stagingOf(output)));

        assertEquals(0, child.release(), child.log());
        assertEquals("COMPLETE", RunSummary.of(store, store.getContext(run.id()).orElseThrow()).state());
        assertEquals(ArtifactState.LIVE, store.getArtifact(output.id()).orElseThrow().state());
      }
    } finally {
      child.stop();
    }
  }

  @Test
  void runOnAnotherHostIsDeadOnlyOnceItsHeartbeatIsOlderThanTheLease() {
    try (MetadataStore store = MetadataStore.open(url)) {
      ContextTypes.register(store);
      Instant now = Instant.now();
      Context fresh = putRun(store, "fresh", "elsewhere.example", now.minusSeconds(30));
      Context stale = putRun(store, "stale", "elsewhere.example", now.minus(Duration.ofMinutes(11)));

      assertEquals(List.of("stale"), DeadRuns.find(store, DeadRuns.DEFAULT_LEASE));
      assertEquals(List.of("stale"), DeadRuns.recover(store, root(), DeadRuns.DEFAULT_LEASE));
      RunSummary failed = RunSummary.of(store, store.getContext(stale.id()).orElseThrow());
      assertEquals("FAILED", failed.state());
      assertTrue(failed.error().orElseThrow().startsWith(DeadRuns.REASON + " (pid 4242 on elsewhere.example"),
          failed.error().toString());
      assertEquals("RUNNING", RunSummary.of(store, store.getContext(fresh.id()).orElseThrow()).state());
    }
  }

  @Test
  void ownerIsThisProcessWhileItRuns() {
    RunOwner me = RunOwner.current();
    assertEquals(ProcessHandle.current().pid(), me.pid());
    assertEquals(Optional.of(me), RunOwner.from(me.properties()));
    assertFalse(me.processGone());
    RunOwner reused = new RunOwner(me.pid(), me.host(), me.processStart().map(t -> t.minusSeconds(3600)));
    assertEquals(me.processStart().isPresent(), reused.processGone(), "a reused pid is another process");
    if (me.startTicks().isPresent()) { // Linux: the start in ticks decides, whatever the instants say
      long ticks = me.startTicks().getAsLong();
      assertTrue(new RunOwner(me.pid(), me.host(), Optional.of(Instant.EPOCH), OptionalLong.of(ticks))
          .properties().containsKey(StoreKeys.OWNER_PROCESS_START_TICKS));
      assertFalse(new RunOwner(me.pid(), me.host(), Optional.of(Instant.EPOCH), OptionalLong.of(ticks)).processGone(),
          "a wall-clock step moves the instant, not the ticks");
      assertTrue(new RunOwner(me.pid(), me.host(), me.processStart(), OptionalLong.of(ticks - 1)).processGone(),
          "a reused pid started at other ticks");
    }
  }

  private static Context putRun(MetadataStore store, String name, String host, Instant heartbeat) {
    Context run = Context.create(ContextTypes.PIPELINE_RUN, name)
        .withCustomProperty(StoreKeys.RUN_STATE, new Value.StringValue("RUNNING"))
        .withCustomProperty(StoreKeys.HEARTBEAT, new Value.IntValue(heartbeat.toEpochMilli()));
    for (var p : new RunOwner(4242, host, Optional.empty()).properties().entrySet()) {
      run = run.withCustomProperty(p.getKey(), p.getValue());
    }
    return store.putContext(run);
  }

  private static Path stagingOf(Artifact output) {
    Path target = Path.of(output.uri());
    return target.resolveSibling(target.getFileName() + ".staging");
  }
}
