package io.beamline.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.StoreKind;
import io.beamline.orchestrator.TestComponents.FakePusher;
import io.beamline.orchestrator.TestComponents.FakeTrainer;
import io.beamline.orchestrator.TestComponents.Judge;
import io.beamline.orchestrator.TestComponents.ModelParameters;
import io.beamline.orchestrator.TestComponents.PushParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Six runs of train, judge (baseline: the latest blessed model) and push: run 1 is blessed and
 * pushed; runs 2 to 5 are not blessed; run 6 repeats run 4 and is served from its cache.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class GarbageCollectorTest {
  private static final double[] QUALITY = {0.7, 0.6, 0.65, 0.5, 0.55, 0.5};

  @Parameter StoreKind kind;
  @TempDir Path home;
  private MetadataStore store;
  private ArtifactRoot root;
  private final List<PipelineRunResult> runs = new ArrayList<>();

  @BeforeEach
  void sixRuns() {
    store = kind.open(home);
    root = ArtifactRoot.of(home.resolve("artifacts").toString());
    for (double quality : QUALITY) {
      var trainer = Node.of(new FakeTrainer()).withParameters(new ModelParameters(quality));
      var judge = Node.of(new Judge())
          .withInput("model", trainer.output("model"))
          .withInput("baseline_model", LatestBlessedModel.of());
      var pusher = Node.of(new FakePusher())
          .withParameters(new PushParameters(home.resolve("serving").toString()))
          .withInput("model", trainer.output("model"))
          .withInput("blessing", judge.output("blessing"));
      PipelineRunResult run = LocalOrchestrator.using(store, root)
          .run(Pipeline.of("training", trainer, judge, pusher));
      assertTrue(run.succeeded(), run.toString());
      runs.add(run);
    }
    assertEquals(NodeState.CACHED, runs.get(5).node("FakeTrainer").state());
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** The three outputs (model, blessing, pushed model) of run {@code n} (1-based). */
  private List<Long> outputsOf(int n) {
    PipelineRunResult run = runs.get(n - 1);
    return List.of(run.node("FakeTrainer").output("model").id(),
        run.node("Judge").output("blessing").id(),
        run.node("FakePusher").output("pushed_model").id());
  }

  private Map<Long, ArtifactState> states() {
    return store.getArtifacts().stream()
        .collect(Collectors.toMap(Artifact::id, Artifact::state, (a, b) -> a, TreeMap::new));
  }

  private static List<Long> sorted(Stream<Long> ids) {
    return ids.sorted().toList();
  }

  private boolean payloadExists(long id) {
    return Files.isDirectory(Path.of(store.getArtifact(id).orElseThrow().uri()));
  }

  @Test
  void keepLastKeepsWhatKeptRunsTheLatestBlessingAndPushedModelsDependOn() {
    GarbageCollector gc = GarbageCollector.of(store, root, RetentionPolicy.keepLast(1));
    List<Long> expected = sorted(Stream.of(2, 3, 5).flatMap(n -> outputsOf(n).stream()));

    Map<Long, ArtifactState> before = states();
    GcPlan plan = gc.plan();
    assertEquals(expected, sorted(plan.collect().stream().map(Artifact::id)));
    assertEquals(List.of(runs.get(5).runName()), plan.keptRuns());
    assertEquals(5, plan.collectedRuns().size());
    assertEquals(before, states(), "planning changes nothing");
    assertTrue(expected.stream().allMatch(this::payloadExists));

    GcResult result = gc.run();
    assertEquals(expected, sorted(result.deleted().stream()));
    assertEquals(expected.size(), result.payloadsRemoved());
    assertEquals(List.of(), result.failures());
    for (long id : expected) {
      assertEquals(ArtifactState.DELETED, store.getArtifact(id).orElseThrow().state());
      assertFalse(payloadExists(id), "payload of " + id);
    }
    // Run 1: pushed, and its blessing is the latest. Run 4: run 6 (kept) reused its model.
    for (long id : Stream.of(1, 4, 6).flatMap(n -> outputsOf(n).stream()).toList()) {
      assertEquals(ArtifactState.LIVE, store.getArtifact(id).orElseThrow().state(), "artifact " + id);
      assertTrue(payloadExists(id), "payload of " + id);
    }
    assertTrue(Files.exists(home.resolve("serving").resolve(String.valueOf(outputsOf(1).get(0)))),
        "the serving directory is never touched");
    assertEquals(List.of(), gc.plan().collect(), "a second collection finds nothing");

    var retrain = Node.of(new FakeTrainer()).withParameters(new ModelParameters(QUALITY[1]));
    PipelineRunResult again = LocalOrchestrator.using(store, root).run(Pipeline.of("training", retrain));
    assertEquals(NodeState.COMPLETE, again.node("FakeTrainer").state(),
        "run 2's model is DELETED: never served from cache");
  }

  @Test
  void olderThanKeepsRecentRunsOnly() {
    Instant now = Instant.now();
    GarbageCollector recent = GarbageCollector.of(store, root,
        RetentionPolicy.olderThan(Duration.ofHours(1)));
    assertEquals(List.of(), recent.plan().collect(), "every run is younger than an hour");
    assertEquals(6, recent.plan().keptRuns().size());

    GarbageCollector later = recent.withClock(Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC));
    GcPlan plan = later.plan();
    assertEquals(List.of(), plan.keptRuns());
    // Nothing keeps runs 4 and 6 now, but run 1 is still pushed and holds the latest blessing.
    assertEquals(sorted(Stream.of(2, 3, 4, 5).flatMap(n -> outputsOf(n).stream()).distinct()),
        sorted(plan.collect().stream().map(Artifact::id)));
  }

  @Test
  void interruptedCollectionLeavesNoLiveArtifactWithoutPayloadAndTheNextOneFinishes() {
    GarbageCollector gc = GarbageCollector.of(store, root, RetentionPolicy.keepLast(1));
    List<Long> planned = sorted(gc.plan().collect().stream().map(Artifact::id));
    int[] removed = {0};
    IllegalStateException crash = assertThrows(IllegalStateException.class,
        () -> gc.withPayloadRemover(payload -> {
          if (removed[0]++ == 2) {
            throw new IllegalStateException("killed");
          }
          try (Stream<Path> files = Files.walk(payload)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
              Files.delete(p);
            }
          }
        }).run());
    assertEquals("killed", crash.getMessage());

    for (Artifact a : store.getArtifacts()) {
      if (a.state() == ArtifactState.LIVE) {
        assertTrue(Files.isDirectory(Path.of(a.uri())), "LIVE artifact " + a.id() + " lost its payload");
      }
    }
    assertTrue(planned.stream().allMatch(id -> store.getArtifact(id).orElseThrow().state() == ArtifactState.DELETED));
    GcPlan next = gc.plan();
    assertEquals(List.of(), next.collect());
    assertEquals(planned.size() - 2, next.leftovers().size());

    GcResult finished = gc.run();
    assertEquals(List.of(), finished.deleted());
    assertEquals(planned.size() - 2, finished.payloadsRemoved());
    assertTrue(planned.stream().noneMatch(this::payloadExists));
    assertEquals(List.of(), gc.plan().leftovers());
  }
}
