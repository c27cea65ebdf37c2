package io.beamline.orchestrator;

import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ComponentRun;
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
import io.beamline.metadata.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds pipeline runs left RUNNING by a process that ended without finishing them (killed, out of
 * memory, machine off) and records them as failed: the run context and its RUNNING/NEW executions
 * FAILED with the reason {@value #REASON}, their PENDING outputs ABANDONED, and the outputs'
 * {@code .staging} directories under the artifact root deleted.
 *
 * <p>A run is dead when its owner ({@link RunOwner}) is on this host and its process is gone (or
 * its pid now names a process started at another time), or, when the owner is on another host or
 * was not recorded, when its last heartbeat is older than the lease. A run on this host whose
 * process is alive is never touched, however old its heartbeat.
 *
 * <p>Each run is recovered in one write transaction that first re-reads its state, so two
 * processes recovering at once update it once, and a run that finished meanwhile is left alone.
 */
public final class DeadRuns {
  public static final String REASON = "process ended without finishing";
  /** Many heartbeats long, so a busy or briefly suspended process on another host is not buried alive. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

  /** What {@code OutputStaging} in core appends to an output's path while it is being written. */

  private DeadRuns() {}

  /** The names of the runs that {@link #recover} would fail; reads only, so a read-only store will do. */
  public static List<String> find(MetadataStore store, Duration lease) {
    Instant now = Instant.now();
    return running(store).stream()
        .filter(run -> deathOf(run, now, lease).isPresent())
        .map(Context::name)
        .toList();
  }

  /** Fails every dead run; returns the names of the runs this call failed. */
  public static List<String> recover(MetadataStore store, ArtifactRoot root, Duration lease) {
    List<String> failed = new ArrayList<>();
    for (Context run : running(store)) {
      if (deathOf(run, Instant.now(), lease).isEmpty()) {
        continue;
      }
      Optional<List<Path>> staging = store.inTransaction(s -> fail(s, run.id(), lease));
      if (staging.isPresent()) {
        failed.add(run.name());
        staging.get().forEach(dir -> deleteStaging(root, dir));
      }
    }
    return failed;
  }

  private static List<Context> running(MetadataStore store) {
    // By property, not by reading every run: a shared store holds thousands of finished ones.
    return store.getContextsByProperty(ContextTypes.PIPELINE_RUN, StoreKeys.RUN_STATE,
            new Value.StringValue("RUNNING")).stream()
        .filter(DeadRuns::isRunning)
        .toList();
  }

  private static boolean isRunning(Context run) {
    return run.customProperties().get(StoreKeys.RUN_STATE) instanceof Value.StringValue state
        && state.value().equals("RUNNING");
  }

  /** Why the run is dead (the recorded reason, naming the owner), or empty while it may be alive. */
  static Optional<String> deathOf(Context run, Instant now, Duration lease) {
    Optional<RunOwner> owner = RunOwner.from(run.customProperties());
    if (owner.isPresent() && owner.get().onThisHost()) {
      return owner.get().processGone()
          ? Optional.of(REASON + " (" + owner.get().describe() + ")") : Optional.empty();
    }
    Instant lastSign = lastSignOfLife(run);
    if (Duration.between(lastSign, now).compareTo(lease) <= 0) {
      return Optional.empty();
    }
    return Optional.of(REASON + " (" + owner.map(RunOwner::describe).orElse("owner unknown")
        + ": no heartbeat since " + lastSign + ")");
  }

  /**
   * The heartbeat, else (a run recorded before heartbeats were) the last time its context was
   * written. Not the later of the two: anyone may rewrite a context, only its owner beats.
   */
  private static Instant lastSignOfLife(Context run) {
    if (run.customProperties().get(StoreKeys.HEARTBEAT) instanceof Value.IntValue beat) {
      return Instant.ofEpochMilli(beat.value());
    }
    Instant updated = run.updateTime() != null ? run.updateTime() : run.createTime();
    return updated != null ? updated : Instant.EPOCH;
  }

  /**
   * Inside one write transaction: re-checks that the run is still RUNNING and dead (another process
   * may have recovered it, or its owner finished it, since we looked), then fails it. Returns the
   * outputs whose staging directories to delete, or empty when there was nothing to do.
   */
  private static Optional<List<Path>> fail(MetadataStore s, long runId, Duration lease) {
    Optional<Context> current = s.getContext(runId).filter(DeadRuns::isRunning);
    Instant now = Instant.now();
    Optional<String> reason = current.flatMap(run -> deathOf(run, now, lease));
    if (reason.isEmpty()) {
      return Optional.empty();
    }
    List<Path> staging = new ArrayList<>();
    for (Execution execution : s.getExecutionsByContext(runId)) {
      if (execution.state() != ExecutionState.RUNNING && execution.state() != ExecutionState.NEW) {
        continue;
      }
      for (Event event : s.getEventsByExecutionIds(List.of(execution.id()))) {
        if (event.type() != EventType.OUTPUT) {
          continue;
        }
        Optional<Artifact> output = s.getArtifact(event.artifactId())
            .filter(a -> a.state() == ArtifactState.PENDING);
        if (output.isPresent()) {
          s.putArtifact(output.get().withState(ArtifactState.ABANDONED));
          ArtifactUris.localPath(output.get().uri()).ifPresent(staging::add);
        }
      }
      s.putExecution(execution.withState(ExecutionState.FAILED).withEndTime(now)
          .withErrorMessage(reason.get()));
    }
    s.putContext(current.get()
        .withCustomProperty(StoreKeys.RUN_STATE, new Value.StringValue("FAILED"))
        .withCustomProperty(StoreKeys.RUN_END, new Value.IntValue(now.toEpochMilli()))
        .withCustomProperty(StoreKeys.RUN_ERROR, new Value.StringValue(reason.get())));
    return Optional.of(staging);
  }

  /** Deletes a dead output's staging directory, only ever for an output under the artifact root. */
  private static void deleteStaging(ArtifactRoot root, Path output) {
    Optional<Path> rootDir = ArtifactUris.localPath(root.uri());
    Path target = output.toAbsolutePath().normalize();
    if (rootDir.isEmpty() || !target.startsWith(rootDir.get()) || target.equals(rootDir.get())) {
      return;
    }
    try {
      ComponentRun.discardStaged(target.toString());
    } catch (IOException | UncheckedIOException e) {
      // The store already says FAILED/ABANDONED, which is what matters; a leftover staging
      // directory is never published and is cleared again if its path is ever reused.
    }
  }
}
