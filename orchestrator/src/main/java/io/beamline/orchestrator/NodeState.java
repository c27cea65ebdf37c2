package io.beamline.orchestrator;

/** How a node ended in a pipeline run. */
public enum NodeState {
  /** The executor ran and its outputs are LIVE. */
  COMPLETE,
  /** An earlier COMPLETE execution with the same component, parameters and inputs was reused. */
  CACHED,
  /** The executor failed; its outputs are ABANDONED. */
  FAILED,
  /** Not run because a node it depends on failed or was skipped. */
  SKIPPED
}
