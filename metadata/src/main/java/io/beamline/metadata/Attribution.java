package io.beamline.metadata;

/** Artifact {@code artifactId} belongs to context {@code contextId}. */
public record Attribution(long contextId, long artifactId) {}
