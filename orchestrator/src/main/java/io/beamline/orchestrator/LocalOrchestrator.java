package io.beamline.orchestrator;

import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Runs a pipeline on this machine, recording everything in a metadata store.
 *
 * <pre>{@code
 * try (MetadataStore store = MetadataStore.openSqlite(home.resolve("metadata.sqlite"))) {
 *   PipelineRunResult run = LocalOrchestrator.using(store, ArtifactRoot.of(home.resolve("artifacts").toString()))
 *       .run(pipeline);
 * }
 * }</pre>
 *
 * <p>A run creates a {@code pipeline_run} context (child of the {@code pipeline} context) and runs
 * nodes in dependency order, independent nodes in parallel (up to {@link #withMaxParallelNodes}).
 * A node whose component, version, parameters, input artifacts and external-input fingerprint equal
 * those of a COMPLETE execution with LIVE outputs reuses those outputs and is recorded CACHED
 * (switch off with {@link #withCaching}). A failing node's outputs are ABANDONED, its dependents
 * are skipped, and the run ends failed; running again resumes, finished nodes coming from cache.
 *
 * <p>A run records its owner (pid, host, process start) and refreshes a heartbeat while it runs;
 * every run first fails the runs of processes that ended without finishing ({@link DeadRuns}).
 */
public final class LocalOrchestrator {
  private static final DateTimeFormatter RUN_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

  private final MetadataStore store;
  private final ArtifactRoot root;
  private final List<String> beamArgs;
  private final boolean caching;
  private final int maxParallelNodes;
  private final Duration lease;

  private LocalOrchestrator(MetadataStore store, ArtifactRoot root, List<String> beamArgs, boolean caching,
      int maxParallelNodes, Duration lease) {
    this.store = store;
    this.root = root;
    this.beamArgs = beamArgs;
    this.caching = caching;
    this.maxParallelNodes = maxParallelNodes;
    this.lease = lease;
  }

  /** Caching on, DirectRunner defaults, two nodes at a time. */
  public static LocalOrchestrator using(MetadataStore store, ArtifactRoot root) {
    return new LocalOrchestrator(store, root, List.of(), true, 2, DeadRuns.DEFAULT_LEASE);
  }

  /** Beam options passed to every component, e.g. {@code --runner=FlinkRunner}, {@code --parallelism=4}. */
  public LocalOrchestrator withBeamArgs(List<String> args) {
    BeamRuns.options(args); // fail now, not half-way through a run
    return new LocalOrchestrator(store, root, List.copyOf(args), caching, maxParallelNodes, lease);
  }

  public LocalOrchestrator withCaching(boolean enabled) {
    return new LocalOrchestrator(store, root, beamArgs, enabled, maxParallelNodes, lease);
  }

  public LocalOrchestrator withMaxParallelNodes(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxParallelNodes must be at least 1, got " + n);
    }
    return new LocalOrchestrator(store, root, beamArgs, caching, n, lease);
  }

  /**
   * How long a run owned by a process on another host (or by an unknown owner) may go without a
   * heartbeat before a run here declares it dead (default {@link DeadRuns#DEFAULT_LEASE}).
   */
  public LocalOrchestrator withLease(Duration lease) {
    if (lease.compareTo(Heartbeat.EVERY.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException("lease must be at least three heartbeats (" + Heartbeat.EVERY.multipliedBy(3)
          + "), got " + lease);
    }
    return new LocalOrchestrator(store, root, beamArgs, caching, maxParallelNodes, lease);
  }

  public PipelineRunResult run(Pipeline pipeline) {
    Instant start = Instant.now();
    ContextTypes.register(store);
    registerTypes(pipeline);
    // Runs of crashed processes would otherwise stay RUNNING, their outputs PENDING, for ever.
    DeadRuns.recover(store, root, lease);
    Context pipelineContext = store.putContextIfAbsent(Context.create(ContextTypes.PIPELINE, pipeline.name()));
    String runName = pipeline.name() + "-" + RUN_STAMP.format(start) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    Context created = Context.create(ContextTypes.PIPELINE_RUN, runName)
        .withCustomProperty(StoreKeys.RUN_STATE, new Value.StringValue("RUNNING"))
        .withCustomProperty(StoreKeys.RUN_START, new Value.IntValue(start.toEpochMilli()))
        .withCustomProperty(StoreKeys.HEARTBEAT, new Value.IntValue(start.toEpochMilli()));
    for (Map.Entry<String, Value> p : RunOwner.current().properties().entrySet()) {
      created = created.withCustomProperty(p.getKey(), p.getValue());
    }
    Context unsaved = created;
    Context runContext = store.inTransaction(s -> {
      Context c = s.putContext(unsaved);
      s.putParentContext(c.id(), pipelineContext.id());
      return c;
    });

    Map<String, NodeResult> results;
    try (Heartbeat beating = Heartbeat.start(store, runContext.id(), Heartbeat.EVERY)) {
      results = runNodes(pipeline, pipelineContext, runContext);
    }

    Instant end = Instant.now();
    Optional<String> error = results.values().stream()
        .filter(r -> r.state() == NodeState.FAILED).findFirst().flatMap(NodeResult::error);
    // A node skipped by a condition (or below one) is a decision, not a fault: only failures fail a run.
    boolean ok = results.values().stream().noneMatch(r -> r.state() == NodeState.FAILED);
    Context finished = runContext
        .withCustomProperty(StoreKeys.RUN_STATE, new Value.StringValue(ok ? "COMPLETE" : "FAILED"))
        .withCustomProperty(StoreKeys.RUN_END, new Value.IntValue(end.toEpochMilli()));
    if (error.isPresent()) {
      finished = finished.withCustomProperty(StoreKeys.RUN_ERROR, new Value.StringValue(error.get()));
    }
    store.putContext(finished);
    return new PipelineRunResult(pipeline.name(), runName, runContext.id(), ok, results,
        Duration.between(start, end), error);
  }

  private void registerTypes(Pipeline pipeline) {
    for (Node<?> node : pipeline.nodesInOrder()) {
      store.putExecutionType(node.component().spec().name(), Map.of());
      for (ChannelSpec out : node.component().spec().outputs().values()) {
        store.putArtifactType(out.type().name(), Map.of());
      }
    }
  }

  private Map<String, NodeResult> runNodes(Pipeline pipeline, Context pipelineContext, Context runContext) {
    PipelineOptions options = BeamRuns.options(beamArgs);
    ExecutorService pool = Executors.newFixedThreadPool(maxParallelNodes, r -> {
      Thread t = new Thread(r, "beamline-node");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<String, CompletableFuture<NodeResult>> futures = new LinkedHashMap<>();
      for (Node<?> node : pipeline.nodesInOrder()) {
        List<CompletableFuture<NodeResult>> upstream = node.upstreamIds().stream().map(futures::get).toList();
        CompletableFuture<NodeResult> future = CompletableFuture
            .allOf(upstream.toArray(CompletableFuture[]::new))
            .thenApplyAsync(ignored -> runNode(pipeline, node, futures, pipelineContext, runContext, options), pool);
        futures.put(node.id(), future);
      }
      Map<String, NodeResult> results = new LinkedHashMap<>();
      futures.forEach((id, f) -> results.put(id, f.join()));
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private NodeResult runNode(Pipeline pipeline, Node<?> node, Map<String, CompletableFuture<NodeResult>> futures,
      Context pipelineContext, Context runContext, PipelineOptions options) {
    List<String> blocked = new ArrayList<>();
    boolean upstreamFailed = false;
    Map<String, NodeResult> upstream = new LinkedHashMap<>();
    for (String up : node.upstreamIds()) {
      NodeResult result = futures.get(up).join();
      upstream.put(up, result);
      if (result.state() == NodeState.FAILED || result.state() == NodeState.SKIPPED) {
        blocked.add(up + " " + result.state());
        upstreamFailed |= result.state() == NodeState.FAILED;
      }
    }
    String skipped = "Node '" + node.id() + "' skipped: ";
    if (upstreamFailed) {
      return NodeResult.skipped(node.id(), skipped + "upstream " + String.join(", ", blocked));
    }
    Context nodeContext = store.putContextIfAbsent(
        Context.create(ContextTypes.NODE, pipeline.name() + "." + node.id()));
    store.putParentContext(nodeContext.id(), pipelineContext.id());
    NodeExecution execution = new NodeExecution(store, root, pipeline.name(),
        List.of(pipelineContext, runContext, nodeContext), options, caching);
    // Skipped by a condition, here or upstream: a decision of the run, recorded like any other.
    if (!blocked.isEmpty()) {
      return execution.recordSkipped(node, skipped + "upstream " + String.join(", ", blocked));
    }
    if (node.condition().isPresent()) {
      Condition.Decision decision = node.condition().get().decide(upstream, store, pipelineContext);
      if (!decision.run()) {
        return execution.recordSkipped(node, skipped + decision.reason());
      }
    }
    Map<String, List<ResolvedArtifact>> inputs = new LinkedHashMap<>();
    node.inputs().forEach((key, ref) ->
        inputs.put(key, List.of(futures.get(ref.nodeId()).join().output(ref.key()))));
    node.resolvedInputs().forEach((key, resolver) -> {
      List<ResolvedArtifact> found = resolver.resolve(store, pipelineContext, Map.copyOf(inputs));
      if (!found.isEmpty()) {
        inputs.put(key, found);
      }
    });
    return execution.run(node, inputs);
  }
}
