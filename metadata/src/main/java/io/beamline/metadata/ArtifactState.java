package io.beamline.metadata;

/**
 * Lifecycle of an artifact: outputs are registered {@code PENDING} while their execution runs,
 * become {@code LIVE} when it completes, and {@code ABANDONED} when it fails.
 */
public enum ArtifactState {
  PENDING,
  LIVE,
  ABANDONED,
  DELETED
}
