package io.beamline.orchestrator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named graph of nodes. Dependencies come from the data (binding one node's output to another's
 * input) and from {@link Node#after}; the order nodes are given in does not matter. Building a
 * pipeline checks it: duplicate ids, unbound required inputs, references to nodes outside the
 * pipeline and cycles are rejected with the nodes named.
 *
 * <pre>{@code
 * Pipeline taxi = Pipeline.of("chicago_taxi", stats, gen); // runs gen, then stats
 * }</pre>
 */
public final class Pipeline {
  private final String name;
  private final Map<String, Node<?>> nodes;
  private final List<String> order;

  private Pipeline(String name, Map<String, Node<?>> nodes, List<String> order) {
    this.name = name;
    this.nodes = nodes;
    this.order = order;
  }

  public static Pipeline of(String name, Node<?>... nodes) {
    return of(name, List.of(nodes));
  }

  public static Pipeline of(String name, List<Node<?>> nodes) {
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
      throw new PipelineDefinitionException("Pipeline name must start with a letter and contain only"
          + " letters, digits, '_', '.' and '-'; got '" + name + "'");
    }
    Map<String, Node<?>> byId = new LinkedHashMap<>();
    for (Node<?> node : nodes) {
      if (byId.put(node.id(), node) != null) {
        throw new PipelineDefinitionException("Pipeline '" + name + "' has two nodes with id '"
            + node.id() + "'; give one of them another id with withId(...)");
      }
    }
    for (Node<?> node : byId.values()) {
      checkBindings(name, node, byId);
    }
    return new Pipeline(name, Collections.unmodifiableMap(byId), topologicalOrder(name, byId));
  }

  private static void checkBindings(String pipeline, Node<?> node, Map<String, Node<?>> byId) {
    for (String key : node.component().spec().requiredInputs()) {
      if (!node.inputs().containsKey(key) && !node.resolvedInputs().containsKey(key)) {
        throw new PipelineDefinitionException("Node '" + node.id() + "' input '" + key + "' ("
            + node.component().spec().inputs().get(key).type() + ") is not bound to any node's output");
      }
    }
    for (Map.Entry<String, OutputRef> e : node.inputs().entrySet()) {
      if (!byId.containsKey(e.getValue().nodeId())) {
        throw new PipelineDefinitionException("Node '" + node.id() + "' input '" + e.getKey()
            + "' is bound to " + e.getValue() + ", but node '" + e.getValue().nodeId()
            + "' is not in pipeline '" + pipeline + "'");
      }
    }
    for (String up : node.upstreamIds()) {
      if (!byId.containsKey(up)) {
        throw new PipelineDefinitionException("Node '" + node.id() + "' runs after node '" + up
            + "', which is not in pipeline '" + pipeline + "'");
      }
    }
  }

  /** Kahn's algorithm, ties broken by the order nodes were given; a leftover means a cycle. */
  private static List<String> topologicalOrder(String pipeline, Map<String, Node<?>> byId) {
    Map<String, Integer> pending = new HashMap<>();
    Map<String, List<String>> downstream = new HashMap<>();
    for (Node<?> node : byId.values()) {
      pending.put(node.id(), node.upstreamIds().size());
      for (String up : node.upstreamIds()) {
        downstream.computeIfAbsent(up, k -> new ArrayList<>()).add(node.id());
      }
    }
    Deque<String> ready = new ArrayDeque<>();
    byId.keySet().stream().filter(id -> pending.get(id) == 0).forEach(ready::add);
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      order.add(id);
      for (String down : downstream.getOrDefault(id, List.of())) {
        if (pending.merge(down, -1, Integer::sum) == 0) {
          ready.add(down);
        }
      }
    }
    if (order.size() < byId.size()) {
      throw new PipelineDefinitionException("Pipeline '" + pipeline + "' has a cycle: "
          + String.join(" -> ", findCycle(byId, pending)));
    }
    return List.copyOf(order);
  }

  /** Walks upstream from a node left in the cycle until a node repeats; returns the cycle in run order. */
  private static List<String> findCycle(Map<String, Node<?>> byId, Map<String, Integer> pending) {
    String start = byId.keySet().stream().filter(id -> pending.get(id) > 0).findFirst().orElseThrow();
    List<String> path = new ArrayList<>();
    String current = start;
    while (!path.contains(current)) {
      path.add(current);
      current = byId.get(current).upstreamIds().stream()
          .filter(id -> pending.get(id) > 0).findFirst().orElseThrow();
    }
    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
    Collections.reverse(cycle);
    // Start the report at the member given first, so the same cycle is always named the same way.
    List<String> given = List.copyOf(byId.keySet());
    String first = cycle.stream().min(java.util.Comparator.comparingInt(given::indexOf)).orElseThrow();
    Collections.rotate(cycle, -cycle.indexOf(first));
    cycle.add(cycle.get(0));
    return cycle;
  }

  public String name() {
    return name;
  }

  /** Nodes in an order where every node comes after all it depends on. */
  public List<Node<?>> nodesInOrder() {
    return order.stream().<Node<?>>map(nodes::get).toList();
  }

  public Node<?> node(String id) {
    Node<?> node = nodes.get(id);
    if (node == null) {
      throw new PipelineDefinitionException("Pipeline '" + name + "' has no node '" + id + "'; nodes: "
          + nodes.keySet());
    }
    return node;
  }

  public Set<String> nodeIds() {
    return nodes.keySet();
  }
}
