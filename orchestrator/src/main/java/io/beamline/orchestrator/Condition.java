package io.beamline.orchestrator;

import io.beamline.metadata.Context;
import io.beamline.metadata.MetadataStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a node runs in this run, decided when its upstream nodes have finished (see
 * {@link Conditions} for the built-in ones). A node whose condition says no is recorded SKIPPED,
 * with the reason, and the nodes that need its outputs are skipped too.
 */
public interface Condition {
  /** The nodes whose results the condition reads: the conditional node waits for them. */
  Set<String> upstreamIds();

  /**
   * @param upstream the results of the nodes this run has finished so far, by node id
   * @param store the store, for conditions on history (e.g. the latest model's span)
   * @param pipelineContext the pipeline's context
   * @return why the node runs (present: it runs) or empty when it is skipped
   */
  Decision decide(Map<String, NodeResult> upstream, MetadataStore store, Context pipelineContext);

  /** A short description for messages. */
  String describe();

  /**
   * A condition's answer and the sentence that explains it.
   *
   * @param run whether the node runs
   * @param reason why, e.g. "Monitor.anomalies drift_detected is true"
   */
  record Decision(boolean run, String reason) {
    static Decision run(String reason) {
      return new Decision(true, reason);
    }

    static Decision skip(String reason) {
      return new Decision(false, reason);
    }

    Optional<String> skipReason() {
      return run ? Optional.empty() : Optional.of(reason);
    }
  }
}
