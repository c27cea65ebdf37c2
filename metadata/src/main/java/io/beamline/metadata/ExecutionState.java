package io.beamline.metadata;

/** Lifecycle of an execution; {@code CACHED} means its outputs were reused from an earlier run. */
public enum ExecutionState {
  NEW,
  RUNNING,
  COMPLETE,
  FAILED,
  CACHED
}
