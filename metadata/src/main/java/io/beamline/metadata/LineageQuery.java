package io.beamline.metadata;

/**
 * Where a lineage walk starts, which way it goes, and how far.
 *
 * <pre>{@code
 * store.lineage(LineageQuery.ofArtifact(schemaId));                       // upstream, 20 hops
 * store.lineage(LineageQuery.ofExecution(id).withDirection(LineageDirection.BOTH).withMaxHops(2));
 * }</pre>
 *
 * <p>One hop is one artifact-execution edge: from an artifact, hop 1 reaches its producing (or
 * consuming) executions and hop 2 their input (or output) artifacts.
 *
 * @param startIsArtifact whether {@code startId} is an artifact id (else an execution id)
 * @param maxHops edges to follow; 0 returns only the start node; {@link #UNLIMITED} for no limit
 */
public record LineageQuery(
    boolean startIsArtifact, long startId, LineageDirection direction, int maxHops) {
  public static final int DEFAULT_MAX_HOPS = 20;
  public static final int UNLIMITED = Integer.MAX_VALUE;

  public LineageQuery {
    if (startId <= 0) {
      throw new MetadataStoreException("Lineage start id must be positive, got " + startId);
    }
    Checks.requireNonNull(direction, "Lineage direction");
    if (maxHops < 0) {
      throw new MetadataStoreException("Lineage maxHops must not be negative, got " + maxHops);
    }
  }

  /** Upstream from an artifact, {@value #DEFAULT_MAX_HOPS} hops. */
  public static LineageQuery ofArtifact(long artifactId) {
    return new LineageQuery(true, artifactId, LineageDirection.UPSTREAM, DEFAULT_MAX_HOPS);
  }

  /** Upstream from an execution, {@value #DEFAULT_MAX_HOPS} hops. */
  public static LineageQuery ofExecution(long executionId) {
    return new LineageQuery(false, executionId, LineageDirection.UPSTREAM, DEFAULT_MAX_HOPS);
  }

  public LineageQuery withDirection(LineageDirection newDirection) {
    return new LineageQuery(startIsArtifact, startId, newDirection, maxHops);
  }

  public LineageQuery withMaxHops(int hops) {
    return new LineageQuery(startIsArtifact, startId, direction, hops);
  }
}
