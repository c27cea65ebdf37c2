package io.beamline.metadata;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The subgraph a lineage walk found: artifacts and executions in id order, and the events between
 * them. The helpers answer the questions a tree renderer asks.
 */
public record LineageGraph(List<Artifact> artifacts, List<Execution> executions,
    List<Event> events) {
  public LineageGraph {
    artifacts = artifacts.stream().sorted(Comparator.comparingLong(Artifact::id)).toList();
    executions = executions.stream().sorted(Comparator.comparingLong(Execution::id)).toList();
    events = List.copyOf(events);
  }

  public List<Long> artifactIds() {
    return artifacts.stream().map(Artifact::id).toList();
  }

  public List<Long> executionIds() {
    return executions.stream().map(Execution::id).toList();
  }

  public Optional<Artifact> artifact(long id) {
    return artifacts.stream().filter(a -> a.id() == id).findFirst();
  }

  public Optional<Execution> execution(long id) {
    return executions.stream().filter(e -> e.id() == id).findFirst();
  }

  /** Executions in the graph that produced the artifact (OUTPUT events). */
  public List<Execution> producersOf(long artifactId) {
    return executionsLinked(e -> e.artifactId() == artifactId && e.type() == EventType.OUTPUT);
  }

  /** Executions in the graph that read the artifact (INPUT events). */
  public List<Execution> consumersOf(long artifactId) {
    return executionsLinked(e -> e.artifactId() == artifactId && e.type() == EventType.INPUT);
  }

  /** Artifacts in the graph the execution read. */
  public List<Artifact> inputsOf(long executionId) {
    return artifactsLinked(e -> e.executionId() == executionId && e.type() == EventType.INPUT);
  }

  /** Artifacts in the graph the execution produced. */
  public List<Artifact> outputsOf(long executionId) {
    return artifactsLinked(e -> e.executionId() == executionId && e.type() == EventType.OUTPUT);
  }

  private List<Execution> executionsLinked(Predicate<Event> edge) {
    List<Long> ids = events.stream().filter(edge).map(Event::executionId).distinct().toList();
    return executions.stream().filter(x -> ids.contains(x.id())).toList();
  }

  private List<Artifact> artifactsLinked(Predicate<Event> edge) {
    List<Long> ids = events.stream().filter(edge).map(Event::artifactId).distinct().toList();
    return artifacts.stream().filter(a -> ids.contains(a.id())).toList();
  }
}
