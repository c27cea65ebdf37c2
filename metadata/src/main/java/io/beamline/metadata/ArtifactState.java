package io.beamline.metadata;

/**
 * Lifecycle of an artifact: outputs are registered {@code PENDING} while their execution runs,
 * become {@code LIVE} when it completes, and {@code ABANDONED} when it fails. Garbage collection
 * makes them {@code DELETED} before it removes their payload, so a {@code LIVE} artifact always
 * has one.
 */
public enum ArtifactState {
  PENDING,
  LIVE,
  ABANDONED,
  DELETED
}
