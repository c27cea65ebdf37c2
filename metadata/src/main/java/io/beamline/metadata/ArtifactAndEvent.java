package io.beamline.metadata;

/**
 * An artifact to store with {@link MetadataStore#putExecution(Execution, java.util.List,
 * java.util.List)}, and how the execution used it. The event's artifact and execution ids are
 * filled in by the store.
 */
public record ArtifactAndEvent(Artifact artifact, EventType eventType, String key, int index) {
  public ArtifactAndEvent {
    Checks.requireNonNull(artifact, "Artifact");
    Checks.requireNonNull(eventType, "Event type");
    if (index < 0) {
      throw new MetadataStoreException("Event index must not be negative, got " + index);
    }
  }

  public static ArtifactAndEvent input(Artifact artifact, String key) {
    return new ArtifactAndEvent(artifact, EventType.INPUT, key, 0);
  }

  public static ArtifactAndEvent output(Artifact artifact, String key) {
    return new ArtifactAndEvent(artifact, EventType.OUTPUT, key, 0);
  }
}
