package io.beamline.orchestrator;

import io.beamline.core.component.ResolvedArtifact;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What one node did in a run.
 *
 * @param nodeId the node
 * @param state how it ended
 * @param executionId its execution in the store (0 when skipped because an upstream node failed)
 * @param outputs its LIVE outputs by key (empty unless COMPLETE or CACHED)
 * @param duration wall time spent on the node
 * @param error the failure message, for FAILED and SKIPPED nodes
 */
public record NodeResult(String nodeId, NodeState state, long executionId,
    Map<String, ResolvedArtifact> outputs, Duration duration, Optional<String> error) {
  public NodeResult {
    outputs = Map.copyOf(outputs);
  }

  public ResolvedArtifact output(String key) {
    ResolvedArtifact a = outputs.get(key);
    if (a == null) {
      throw new IllegalStateException("Node '" + nodeId + "' (" + state + ") has no output '" + key + "'");
    }
    return a;
  }

  static NodeResult skipped(String nodeId, String why) {
    return new NodeResult(nodeId, NodeState.SKIPPED, 0, Map.of(), Duration.ZERO, Optional.of(why));
  }
}
