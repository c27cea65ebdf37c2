package io.beamline.metadata;

/** Execution {@code executionId} belongs to context {@code contextId}. */
public record Association(long contextId, long executionId) {}
