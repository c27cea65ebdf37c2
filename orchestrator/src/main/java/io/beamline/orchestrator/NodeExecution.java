package io.beamline.orchestrator;

import io.beamline.core.Json;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Association;
import io.beamline.metadata.Attribution;
import io.beamline.metadata.Context;
import io.beamline.metadata.Event;
import io.beamline.metadata.EventType;
import io.beamline.metadata.Execution;
import io.beamline.metadata.ExecutionState;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Runs one node inside a pipeline run and records it in the store: either reuses a cached
 * execution, or registers a RUNNING execution with PENDING outputs, runs the component through
 * {@link ComponentRun}, and then publishes the outputs LIVE (COMPLETE) or ABANDONED (FAILED).
 */
final class NodeExecution {
  private final MetadataStore store;
  private final ArtifactRoot root;
  private final String pipeline;
  private final List<Context> contexts;
  private final PipelineOptions options;
  private final boolean caching;

  NodeExecution(MetadataStore store, ArtifactRoot root, String pipeline, List<Context> contexts,
      PipelineOptions options, boolean caching) {
    this.store = store;
    this.root = root;
    this.pipeline = pipeline;
    this.contexts = contexts;
    this.options = options;
    this.caching = caching;
  }

  <P extends Record> NodeResult run(Node<P> node, Map<String, List<ResolvedArtifact>> inputs) {
    Instant start = Instant.now();
    ComponentSpec<P> spec = node.component().spec();
    String cacheKey = CacheKey.of(spec.name(), node.component().version(), node.parameters(), inputs,
        node.component().externalInputFingerprint(node.parameters(), inputs));
    if (caching && node.cacheable()) {
      Optional<NodeResult> cached = reuse(node, inputs, cacheKey, start);
      if (cached.isPresent()) {
        return cached.get();
      }
    }
    Registered registered = register(node, inputs, cacheKey, start);
    ComponentResult result;
    // The log is closed (its tail written) before the state is published, so whoever sees the
    // execution finished reads its whole log.
    try (NodeLog log = openLog(registered.execution())) {
      log.line(Instant.now() + " beamline: node " + node.id() + " (" + spec.name() + ") runs as execution "
          + registered.execution().id() + "; inputs " + inputIds(inputs) + "; parameters " + Json.write(node.parameters()));
      try {
        ComponentRun<P> run = ComponentRun.of(node.component())
            .withParameters(node.parameters())
            .withInputs(inputs)
            .withOptions(options);
        for (Map.Entry<String, Artifact> e : registered.outputs().entrySet()) {
          run = run.withOutput(e.getKey(), e.getValue().uri());
        }
        result = run.run();
        log.line(Instant.now() + " beamline: node " + node.id() + " finished after "
            + Duration.between(start, Instant.now()).toMillis() + " ms");
      } catch (RuntimeException | Error e) {
        log.error(e);
        log.close();
        return fail(node, registered, e, start);
      }
    }
    return complete(node, registered, result, start);
  }

  private static String inputIds(Map<String, List<ResolvedArtifact>> inputs) {
    StringBuilder b = new StringBuilder("{");
    inputs.forEach((key, list) -> b.append(b.length() > 1 ? ", " : "").append(key).append("=")
        .append(list.stream().map(a -> "artifact " + a.id()).toList()));
    return b.append("}").toString();
  }

  /** A log that cannot be created must not fail the node: it runs without one. */
  private static NodeLog openLog(Execution execution) {
    try {
      return ExecutionLog.of(execution).map(NodeLog::start).orElseGet(NodeLog::none);
    } catch (UncheckedIOException e) {
      return NodeLog.none();
    }
  }

  private record Registered(Execution execution, Map<String, Artifact> outputs) {}

  private <P extends Record> Registered register(Node<P> node, Map<String, List<ResolvedArtifact>> inputs,
      String cacheKey, Instant start) {
    ComponentSpec<P> spec = node.component().spec();
    Execution created = Execution.create(spec.name(), node.id())
        .withState(ExecutionState.RUNNING)
        .withStartTime(start)
        .withCustomProperty(StoreKeys.CACHE_KEY, new Value.StringValue(cacheKey))
        .withCustomProperty(StoreKeys.PARAMETERS, new Value.StructValue(Json.write(node.parameters())))
        .withCustomProperty(StoreKeys.COMPONENT_VERSION, new Value.StringValue(node.component().version()));
    // Who ran it, for whoever reads this execution alone; whether it is dead is judged on its run.
    for (Map.Entry<String, Value> p : RunOwner.current().properties().entrySet()) {
      created = created.withCustomProperty(p.getKey(), p.getValue());
    }
    Execution unsaved = created;
    return store.inTransaction(s -> {
      Execution inserted = s.putExecution(unsaved);
      Execution execution = ExecutionLog.fileFor(root, pipeline, node.id(), inserted.id())
          .map(file -> s.putExecution(inserted.withCustomProperty(ExecutionLog.PROPERTY,
              new Value.StringValue(file.toString()))))
          .orElse(inserted);
      linkInputs(s, execution.id(), inputs);
      Map<String, Artifact> outputs = new LinkedHashMap<>();
      for (String key : spec.outputs().keySet()) {
        ArtifactType type = spec.outputs().get(key).type();
        Artifact artifact = s.putArtifact(Artifact.create(type.name(),
                root.outputUri(pipeline, node.id(), key, execution.id()))
            .withState(ArtifactState.PENDING)
            .withCustomProperty(StoreKeys.OUTPUT_KEY, new Value.StringValue(key)));
        s.putEvent(Event.output(artifact.id(), execution.id(), key));
        attribute(s, artifact.id());
        outputs.put(key, artifact);
      }
      associate(s, execution.id());
      return new Registered(execution, outputs);
    });
  }

  private <P extends Record> NodeResult complete(Node<P> node, Registered registered, ComponentResult result,
      Instant start) {
    Instant end = Instant.now();
    Map<String, ResolvedArtifact> outputs = store.inTransaction(s -> {
      Map<String, ResolvedArtifact> live = new LinkedHashMap<>();
      for (Map.Entry<String, Artifact> e : registered.outputs().entrySet()) {
        ResolvedArtifact produced = result.output(e.getKey());
        Artifact artifact = e.getValue().withState(ArtifactState.LIVE);
        for (Map.Entry<String, Value> p : StoreValues.toStore(produced.properties()).entrySet()) {
          artifact = artifact.withCustomProperty(p.getKey(), p.getValue());
        }
        Artifact stored = s.putArtifact(artifact);
        live.put(e.getKey(), new ResolvedArtifact(stored.id(), produced.type(), stored.uri(),
            produced.properties()));
      }
      s.putExecution(registered.execution().withState(ExecutionState.COMPLETE).withEndTime(end));
      return live;
    });
    return new NodeResult(node.id(), NodeState.COMPLETE, registered.execution().id(), outputs,
        Duration.between(start, end), Optional.empty());
  }

  private <P extends Record> NodeResult fail(Node<P> node, Registered registered, Throwable error,
      Instant start) {
    Instant end = Instant.now();
    String message = error.getMessage() != null ? error.getMessage() : error.getClass().getName();
    store.inTransaction(s -> {
      for (Artifact artifact : registered.outputs().values()) {
        s.putArtifact(artifact.withState(ArtifactState.ABANDONED));
      }
      s.putExecution(registered.execution().withState(ExecutionState.FAILED).withEndTime(end)
          .withErrorMessage(message));
      return null;
    });
    return new NodeResult(node.id(), NodeState.FAILED, registered.execution().id(), Map.of(),
        Duration.between(start, end), Optional.of("Node '" + node.id() + "' failed: " + message));
  }

  /** Reuses the newest COMPLETE execution with the same cache key whose outputs are all still LIVE. */
  private <P extends Record> Optional<NodeResult> reuse(Node<P> node, Map<String, List<ResolvedArtifact>> inputs,
      String cacheKey, Instant start) {
    ComponentSpec<P> spec = node.component().spec();
    List<Execution> candidates = store.getExecutionsByProperty(StoreKeys.CACHE_KEY,
            new Value.StringValue(cacheKey)).stream()
        .filter(e -> e.state() == ExecutionState.COMPLETE && e.type().equals(spec.name()))
        .sorted(Comparator.comparingLong(Execution::id).reversed())
        .toList();
    for (Execution previous : candidates) {
      Map<String, Artifact> outputs = new LinkedHashMap<>();
      for (Event event : store.getEventsByExecutionIds(List.of(previous.id()))) {
        if (event.type() == EventType.OUTPUT) {
          store.getArtifact(event.artifactId()).ifPresent(a -> outputs.put(event.key(), a));
        }
      }
      boolean usable = outputs.keySet().containsAll(spec.outputs().keySet())
          && outputs.values().stream().allMatch(a -> a.state() == ArtifactState.LIVE);
      if (usable) {
        Optional<NodeResult> cached = recordCached(node, inputs, cacheKey, previous, outputs, start);
        if (cached.isPresent()) {
          return cached;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Records the cache hit, unless garbage collection deleted one of the outputs since they were
   * read: the outputs are re-read in the same write transaction, which a collection's marking
   * transaction cannot interleave with (and once they are attributed to this run, it keeps them).
   */
  private <P extends Record> Optional<NodeResult> recordCached(Node<P> node, Map<String, List<ResolvedArtifact>> inputs,
      String cacheKey, Execution previous, Map<String, Artifact> outputs, Instant start) {
    ComponentSpec<P> spec = node.component().spec();
    Instant end = Instant.now();
    Execution execution = store.inTransaction(s -> {
      boolean stillLive = outputs.values().stream()
          .allMatch(a -> s.getArtifact(a.id()).map(x -> x.state() == ArtifactState.LIVE).orElse(false));
      if (!stillLive) {
        return null;
      }
      Execution e = s.putExecution(Execution.create(spec.name(), node.id())
          .withState(ExecutionState.CACHED)
          .withStartTime(start)
          .withEndTime(end)
          .withCustomProperty(StoreKeys.CACHE_KEY, new Value.StringValue(cacheKey))
          .withCustomProperty(StoreKeys.PARAMETERS, new Value.StructValue(Json.write(node.parameters())))
          .withCustomProperty(StoreKeys.CACHED_FROM, new Value.IntValue(previous.id())));
      linkInputs(s, e.id(), inputs);
      for (Map.Entry<String, Artifact> out : outputs.entrySet()) {
        s.putEvent(Event.output(out.getValue().id(), e.id(), out.getKey()));
        attribute(s, out.getValue().id());
      }
      associate(s, e.id());
      return e;
    });
    if (execution == null) {
      return Optional.empty();
    }
    Map<String, ResolvedArtifact> resolved = new LinkedHashMap<>();
    outputs.forEach((key, a) -> resolved.put(key, toResolved(a, spec.outputs().get(key).type())));
    return Optional.of(new NodeResult(node.id(), NodeState.CACHED, execution.id(), resolved,
        Duration.between(start, end), Optional.empty()));
  }

  /**
   * Records a node its condition (or a skipped upstream node) kept from running: an execution that
   * never started (NEW, which no cache lookup or recovery touches), marked {@code node_state}
   * SKIPPED with the reason, with no outputs. ExecutionState has no SKIPPED and the store's schema
   * is not this module's to change, hence the custom property.
   */
  <P extends Record> NodeResult recordSkipped(Node<P> node, String reason) {
    Instant now = Instant.now();
    Execution execution = store.inTransaction(s -> {
      Execution e = s.putExecution(Execution.create(node.component().spec().name(), node.id())
          .withState(ExecutionState.NEW)
          .withStartTime(now)
          .withEndTime(now)
          .withCustomProperty(StoreKeys.NODE_STATE, new Value.StringValue(NodeState.SKIPPED.name()))
          .withCustomProperty(StoreKeys.SKIP_REASON, new Value.StringValue(reason)));
      associate(s, e.id());
      return e;
    });
    return new NodeResult(node.id(), NodeState.SKIPPED, execution.id(), Map.of(), Duration.ZERO,
        Optional.of(reason));
  }

  static ResolvedArtifact toResolved(Artifact a, ArtifactType type) {
    Map<String, Value> props = new LinkedHashMap<>(a.properties());
    props.putAll(a.customProperties());
    props.remove(StoreKeys.OUTPUT_KEY);
    return new ResolvedArtifact(a.id(), type, a.uri(), StoreValues.fromStore(props));
  }

  private static void linkInputs(MetadataStore s, long executionId, Map<String, List<ResolvedArtifact>> inputs) {
    for (Map.Entry<String, List<ResolvedArtifact>> e : inputs.entrySet()) {
      for (ResolvedArtifact a : e.getValue()) {
        s.putEvent(Event.input(a.id(), executionId, e.getKey()));
      }
    }
  }

  private void attribute(MetadataStore s, long artifactId) {
    for (Context c : contexts) {
      s.putAttribution(new Attribution(c.id(), artifactId));
    }
  }

  private void associate(MetadataStore s, long executionId) {
    for (Context c : contexts) {
      s.putAssociation(new Association(c.id(), executionId));
    }
  }
}
