package io.beamline.metadata;

import java.util.List;

/**
 * What {@link MetadataStore#putExecution(Execution, List, List)} stored: the execution, the
 * artifacts and events in the order given, and the contexts (created or reused).
 */
public record ExecutionRecord(
    Execution execution, List<Artifact> artifacts, List<Event> events, List<Context> contexts) {
  public ExecutionRecord {
    artifacts = List.copyOf(artifacts);
    events = List.copyOf(events);
    contexts = List.copyOf(contexts);
  }

  /** Ids of the stored artifacts, in the order given. */
  public List<Long> artifactIds() {
    return artifacts.stream().map(Artifact::id).toList();
  }
}
