package io.beamline.metadata;

import java.time.Instant;

/**
 * An edge of the lineage graph: execution {@code executionId} read ({@code INPUT}) or produced
 * ({@code OUTPUT}) artifact {@code artifactId}, under input/output {@code key} at position {@code
 * index} of that key's list.
 *
 * @param time when it happened; the store sets it on insert when null
 */
public record Event(
    long artifactId, long executionId, EventType type, String key, int index, Instant time) {

  public Event {
    Checks.requireNonNull(type, "Event type");
    if (index < 0) {
      throw new MetadataStoreException("Event index must not be negative, got " + index);
    }
    time = Checks.millis(time);
  }

  public static Event input(long artifactId, long executionId, String key) {
    return new Event(artifactId, executionId, EventType.INPUT, key, 0, null);
  }

  public static Event output(long artifactId, long executionId, String key) {
    return new Event(artifactId, executionId, EventType.OUTPUT, key, 0, null);
  }
}
