package io.beamline.metadata;

/**
 * Which way a lineage walk follows events.
 *
 * <ul>
 *   <li>{@code UPSTREAM}: from an artifact to the executions that produced it (OUTPUT events), from
 *       an execution to the artifacts it read (INPUT events), and on.
 *   <li>{@code DOWNSTREAM}: from an artifact to the executions that read it, from an execution to
 *       the artifacts it produced, and on.
 *   <li>{@code BOTH}: the union of the upstream and the downstream walk from the start node. It
 *       does not turn around: siblings (other outputs of a producer, other inputs of a consumer)
 *       are not included unless they are reachable in one direction.
 * </ul>
 */
public enum LineageDirection {
  UPSTREAM,
  DOWNSTREAM,
  BOTH
}
