package io.beamline.orchestrator;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.PropertyNames;
import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Garbage collection of artifacts: the outputs of pipeline runs that a {@link RetentionPolicy} no
 * longer keeps go from LIVE (or ABANDONED) to DELETED, and their payloads are removed.
 *
 * <pre>{@code
 * GcPlan plan = GarbageCollector.of(store, root, RetentionPolicy.keepLast(5)).plan(); // dry run
 * GcResult done = GarbageCollector.of(store, root, RetentionPolicy.keepLast(5)).run();
 * }</pre>
 *
 * <p>Lineage decides what stays: everything a kept run's artifacts were made from, however far
 * back; the latest blessing of each pipeline (so its model, its data and the evaluator's baseline);
 * and every model that was pushed. Only payloads under the artifact root are ever removed: an
 * artifact elsewhere (an input file, a serving directory) is left as it is.
 *
 * <p>Order makes an interrupted collection safe: first one transaction marks the artifacts
 * DELETED, and only then are payloads removed. A crash in between leaves DELETED artifacts with a
 * payload, never a LIVE one without; the next collection removes those leftovers.
 */
public final class GarbageCollector {
  /** Removes one payload directory; a seam so a test can stop a collection half way. */
  @FunctionalInterface
  interface PayloadRemover {
    void remove(Path payload) throws IOException;
  }

  private final MetadataStore store;
  private final ArtifactRoot root;
  private final RetentionPolicy policy;
  private final Clock clock;
  private final PayloadRemover remover;

  private GarbageCollector(MetadataStore store, ArtifactRoot root, RetentionPolicy policy,
      Clock clock, PayloadRemover remover) {
    this.store = store;
    this.root = root;
    this.policy = policy;
    this.clock = clock;
    this.remover = remover;
  }

  public static GarbageCollector of(MetadataStore store, ArtifactRoot root, RetentionPolicy policy) {
    return new GarbageCollector(store, root, policy, Clock.systemUTC(),
        GarbageCollector::deleteTree);
  }

  GarbageCollector withClock(Clock newClock) {
    return new GarbageCollector(store, root, policy, newClock, remover);
  }

  GarbageCollector withPayloadRemover(PayloadRemover newRemover) {
    return new GarbageCollector(store, root, policy, clock, newRemover);
  }

  /** What a collection would do now; reads only (a read-only store will do). */
  public GcPlan plan() {
    Instant now = clock.instant();
    List<String> keptRuns = new ArrayList<>();
    List<String> collectedRuns = new ArrayList<>();
    Set<Long> roots = new HashSet<>();
    Map<Long, Artifact> candidates = new LinkedHashMap<>();
    for (Context pipeline : store.getContextsByType(ContextTypes.PIPELINE)) {
      List<Context> runs = store.getChildContexts(pipeline.id()).stream()
          .filter(c -> c.type().equals(ContextTypes.PIPELINE_RUN))
          .sorted(Comparator.comparingLong(Context::id).reversed())
          .toList();
      for (int i = 0; i < runs.size(); i++) {
        Context run = runs.get(i);
        List<Artifact> artifacts = store.getArtifactsByContext(run.id());
        if (kept(run, i, now)) {
          keptRuns.add(run.name());
          artifacts.forEach(a -> roots.add(a.id()));
        } else {
          collectedRuns.add(run.name());
          artifacts.stream().filter(GarbageCollector::collectable)
              .forEach(a -> candidates.put(a.id(), a));
        }
      }
      latestBlessing(pipeline).ifPresent(b -> roots.add(b.id()));
    }
    store.getArtifactsByType(ArtifactType.PUSHED_MODEL.name()).stream()
        .filter(a -> a.state() == ArtifactState.LIVE && isTrue(a, PropertyNames.PUSHED))
        .forEach(a -> roots.add(a.id()));
    Set<Long> kept = store.getUpstreamArtifactIds(roots);
    List<Artifact> collect = new ArrayList<>();
    List<Artifact> outsideRoot = new ArrayList<>();
    for (Artifact a : candidates.values()) {
      if (kept.contains(a.id())) {
        continue;
      }
      (payload(a).isPresent() ? collect : outsideRoot).add(a);
    }
    List<Artifact> leftovers = store.getArtifactsByState(ArtifactState.DELETED).stream()
        .filter(a -> payload(a).filter(Files::exists).isPresent())
        .toList();
    return new GcPlan(policy, keptRuns, collectedRuns, collect, outsideRoot, leftovers);
  }

  /**
   * Collects: plans, marks the planned artifacts DELETED in one transaction (skipping any that a
   * run started since has taken up), then removes their payloads and any left by an interrupted
   * collection.
   */
  public GcResult run() {
    GcPlan plan = plan();
    Set<String> collectedRuns = Set.copyOf(plan.collectedRuns());
    List<Artifact> marked = store.inTransaction(s -> {
      List<Artifact> done = new ArrayList<>();
      for (Artifact planned : plan.collect()) {
        Optional<Artifact> now = s.getArtifact(planned.id());
        if (now.isEmpty() || !collectable(now.get()) || takenUp(s, planned.id(), collectedRuns)) {
          continue;
        }
        done.add(s.putArtifact(now.get().withState(ArtifactState.DELETED)));
      }
      return done;
    });
    List<String> failures = new ArrayList<>();
    int removed = 0;
    for (Artifact a : Stream.concat(marked.stream(), plan.leftovers().stream()).toList()) {
      Path payload = payload(a).orElseThrow();
      try {
        if (Files.exists(payload)) {
          remover.remove(payload);
          removed++;
        }
      } catch (IOException e) {
        // The artifact is DELETED already; its payload is retried by the next collection.
        failures.add("artifact " + a.id() + ": cannot remove " + payload + ": " + e.getMessage());
      }
    }
    return new GcResult(plan, marked.stream().map(Artifact::id).toList(), removed, failures);
  }

  /** From the run context alone (not its executions): a store may hold thousands of runs. */
  private boolean kept(Context run, int newerRuns, Instant now) {
    Value state = run.customProperties().get(StoreKeys.RUN_STATE);
    if (state == null || "RUNNING".equals(StoreValues.toJava(state)) || newerRuns < policy.keepLast()) {
      return true;
    }
    Instant start = run.customProperties().get(StoreKeys.RUN_START) instanceof Value.IntValue millis
        ? Instant.ofEpochMilli(millis.value()) : run.createTime();
    return policy.olderThan().map(age -> start.isAfter(now.minus(age))).orElse(false);
  }

  /** A run started after planning may have reused the artifact from cache: then it stays. */
  private static boolean takenUp(MetadataStore s, long artifactId, Set<String> collectedRuns) {
    return s.getContextsByArtifact(artifactId).stream()
        .anyMatch(c -> c.type().equals(ContextTypes.PIPELINE_RUN)
            && !collectedRuns.contains(c.name()));
  }

  private Optional<Artifact> latestBlessing(Context pipeline) {
    return store.getArtifactsByContext(pipeline.id()).stream()
        .filter(a -> a.type().equals(ArtifactType.MODEL_BLESSING.name())
            && a.state() == ArtifactState.LIVE && isTrue(a, PropertyNames.BLESSED))
        .max(Comparator.comparingLong(Artifact::id));
  }

  private static boolean collectable(Artifact a) {
    return a.state() == ArtifactState.LIVE || a.state() == ArtifactState.ABANDONED;
  }

  private static boolean isTrue(Artifact a, String key) {
    Value v = a.customProperties().get(key);
    return v != null && Boolean.TRUE.equals(StoreValues.toJava(v));
  }

  /** The payload's local directory, only when it lies strictly inside the artifact root. */
  private Optional<Path> payload(Artifact a) {
    Optional<Path> rootDir = ArtifactUris.localPath(root.uri());
    if (a.uri() == null || rootDir.isEmpty()) {
      return Optional.empty();
    }
    return ArtifactUris.localPath(a.uri())
        .filter(p -> p.startsWith(rootDir.get()) && !p.equals(rootDir.get()));
  }

  /** Deepest first, so each directory is empty when its turn comes. */
  private static void deleteTree(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }
}
