package io.beamline.orchestrator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one pipeline run.
 *
 * @param pipeline the pipeline name
 * @param runName the pipeline_run context's name
 * @param runContextId the pipeline_run context's id in the store
 * @param succeeded true when every node is COMPLETE or CACHED
 * @param nodes each node's result, in run order
 * @param duration wall time of the run
 * @param error the first failure, when the run failed
 */
public record PipelineRunResult(String pipeline, String runName, long runContextId, boolean succeeded,
    Map<String, NodeResult> nodes, Duration duration, Optional<String> error) {
  public PipelineRunResult {
    nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
  }

  public NodeResult node(String id) {
    NodeResult r = nodes.get(id);
    if (r == null) {
      throw new IllegalArgumentException("No node '" + id + "' in run " + runName + "; nodes: " + nodes.keySet());
    }
    return r;
  }
}
