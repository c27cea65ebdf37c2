package io.beamline.orchestrator;

import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A component instance in a pipeline: an id, parameters, input bindings and explicit ordering.
 * Immutable: every {@code withX} returns a new node.
 *
 * <pre>{@code
 * Node<ExampleGenParameters> gen = Node.of(new ExampleGen()).withParameters(params);
 * Node<StatsParameters> stats = Node.of(new StatisticsGen()).withInput("examples", gen.output("examples"));
 * }</pre>
 */
public final class Node<P extends Record> {
  private final String id;
  private final Component<P> component;
  private final P parameters;
  private final Map<String, OutputRef> inputs;
  private final Map<String, InputResolver> resolvedInputs;
  private final Set<String> after;
  private final boolean cacheable;
  /** When the node runs; null: always. */
  private final Condition condition;

  private Node(String id, Component<P> component, P parameters, Map<String, OutputRef> inputs,
      Map<String, InputResolver> resolvedInputs, Set<String> after, boolean cacheable, Condition condition) {
    this.id = id;
    this.component = component;
    this.parameters = parameters;
    this.inputs = inputs;
    this.resolvedInputs = resolvedInputs;
    this.after = after;
    this.cacheable = cacheable;
    this.condition = condition;
  }

  /** A node with the component's name as id and its default parameters. */
  public static <P extends Record> Node<P> of(Component<P> component) {
    ComponentSpec<P> spec = component.spec();
    return new Node<>(spec.name(), component, spec.defaults(), Map.of(), Map.of(), Set.of(), true, null);
  }

  public Node<P> withId(String newId) {
    if (newId == null || !newId.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
      throw new PipelineDefinitionException("Node id must start with a letter and contain only letters,"
          + " digits, '_', '.' and '-'; got '" + newId + "'");
    }
    return new Node<>(newId, component, parameters, inputs, resolvedInputs, after, cacheable, condition);
  }

  public Node<P> withParameters(P newParameters) {
    return new Node<>(id, component, Objects.requireNonNull(newParameters, "parameters"), inputs,
        resolvedInputs, after, cacheable, condition);
  }

  /** Binds input {@code key} to another node's output; this node then runs after that one. */
  public Node<P> withInput(String key, OutputRef source) {
    checkInput(key, source.type(), source.toString());
    Map<String, OutputRef> next = new LinkedHashMap<>(inputs);
    next.put(key, source);
    Map<String, InputResolver> resolvers = new LinkedHashMap<>(resolvedInputs);
    resolvers.remove(key);
    return new Node<>(id, component, parameters, Map.copyOf(next), Map.copyOf(resolvers), after, cacheable, condition);
  }

  /**
   * Binds input {@code key} to what {@code resolver} finds in the store when this node runs (e.g.
   * {@link LatestBlessedModel}); this adds no dependency on other nodes.
   */
  public Node<P> withInput(String key, InputResolver resolver) {
    checkInput(key, resolver.type(), resolver.describe());
    Map<String, InputResolver> next = new LinkedHashMap<>(resolvedInputs);
    next.put(key, resolver);
    Map<String, OutputRef> refs = new LinkedHashMap<>(inputs);
    refs.remove(key);
    return new Node<>(id, component, parameters, Map.copyOf(refs), Map.copyOf(next), after, cacheable, condition);
  }

  private void checkInput(String key, io.beamline.core.component.ArtifactType type, String source) {
    ChannelSpec channel = component.spec().input(key).orElseThrow(() -> new PipelineDefinitionException(
        "Node '" + id + "' (" + component.spec().name() + ") has no input '" + key + "'; its inputs are "
            + component.spec().inputs().keySet()));
    if (!channel.type().equals(type)) {
      throw new PipelineDefinitionException("Node '" + id + "' input '" + key + "' expects "
          + channel.type() + ", but " + source + " is " + type);
    }
  }

  /**
   * Whether a run may serve this node from an earlier execution (default true). Off for a node
   * that should run every time, e.g. a trainer retraining on unchanged data.
   */
  public Node<P> withCaching(boolean enabled) {
    return new Node<>(id, component, parameters, inputs, resolvedInputs, after, enabled, condition);
  }

  /**
   * Runs this node only when {@code condition} says so, once the nodes it reads have finished (e.g.
   * a Trainer only when the Monitor reports drift: {@link Conditions}). Otherwise the node is
   * recorded SKIPPED with the reason, and the nodes that need its outputs are skipped too.
   */
  public Node<P> when(Condition newCondition) {
    return new Node<>(id, component, parameters, inputs, resolvedInputs, after, cacheable,
        Objects.requireNonNull(newCondition, "condition"));
  }

  /** The node's condition, empty when it always runs. */
  public java.util.Optional<Condition> condition() {
    return java.util.Optional.ofNullable(condition);
  }

  public boolean cacheable() {
    return cacheable;
  }

  /** Runs this node only after {@code other} has completed, though no data passes between them. */
  public Node<P> after(Node<?> other) {
    Set<String> next = new LinkedHashSet<>(after);
    next.add(other.id());
    return new Node<>(id, component, parameters, inputs, resolvedInputs, Set.copyOf(next), cacheable, condition);
  }

  /** A reference to one of this node's outputs, to bind to another node's input. */
  public OutputRef output(String key) {
    ChannelSpec channel = component.spec().outputs().get(key);
    if (channel == null) {
      throw new PipelineDefinitionException("Node '" + id + "' (" + component.spec().name()
          + ") has no output '" + key + "'; its outputs are " + component.spec().outputs().keySet());
    }
    return new OutputRef(id, key, channel.type());
  }

  public String id() {
    return id;
  }

  public Component<P> component() {
    return component;
  }

  public P parameters() {
    return parameters;
  }

  public Map<String, OutputRef> inputs() {
    return inputs;
  }

  /** Inputs bound to store queries, resolved when the node runs. */
  public Map<String, InputResolver> resolvedInputs() {
    return resolvedInputs;
  }

  /** Ids of the nodes this one waits for: producers of its inputs and explicit {@link #after} ones. */
  public Set<String> upstreamIds() {
    Set<String> ids = new LinkedHashSet<>();
    inputs.values().forEach(ref -> ids.add(ref.nodeId()));
    ids.addAll(after);
    if (condition != null) {
      ids.addAll(condition.upstreamIds());
    }
    return ids;
  }

  @Override
  public String toString() {
    return id + " (" + component.spec().name() + ")";
  }
}
