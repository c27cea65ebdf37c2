package io.beamline.orchestrator;

import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.Execution;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline run as recorded in the store, for listing runs.
 *
 * @param name the pipeline_run context name
 * @param state RUNNING, COMPLETE or FAILED (a run whose process died stays RUNNING until {@link
 *     DeadRuns} fails it, at the next run or {@code beamline runs})
 * @param start when the run started
 * @param end when it ended, if it did
 * @param error the first failure, if any
 * @param executions the run's executions in the order they were recorded
 */
public record RunSummary(String name, String state, Instant start, Optional<Instant> end,
    Optional<String> error, List<Execution> executions) {
  public RunSummary {
    executions = List.copyOf(executions);
  }

  /** The newest {@code limit} runs in the store, newest first. */
  public static List<RunSummary> newest(MetadataStore store, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    // Only the newest are read: a shared store holds thousands of runs.
    return store.getContextsByType(ContextTypes.PIPELINE_RUN, limit).stream()
        .sorted(Comparator.comparingLong(Context::id).reversed())
        .map(run -> of(store, run))
        .toList();
  }

  /** The run recorded by this {@code pipeline_run} context. */
  public static RunSummary of(MetadataStore store, Context run) {
    return new RunSummary(run.name(),
        text(run, StoreKeys.RUN_STATE).orElse("RUNNING"),
        time(run, StoreKeys.RUN_START).orElse(run.createTime()),
        time(run, StoreKeys.RUN_END),
        text(run, StoreKeys.RUN_ERROR),
        store.getExecutionsByContext(run.id()));
  }

  private static Optional<String> text(Context c, String key) {
    return Optional.ofNullable(c.customProperties().get(key)).map(v -> String.valueOf(v.toJava()));
  }

  private static Optional<Instant> time(Context c, String key) {
    return Optional.ofNullable(c.customProperties().get(key))
        .filter(Value.IntValue.class::isInstance)
        .map(v -> Instant.ofEpochMilli(((Value.IntValue) v).value()));
  }

  /** How a node's execution ended, as a run shows it: SKIPPED for a node a condition kept from running. */
  public static String nodeState(Execution e) {
    Value v = e.customProperties().get(StoreKeys.NODE_STATE);
    return v == null ? e.state().name() : String.valueOf(StoreValues.toJava(v));
  }

  /** Why a skipped node did not run; empty for the others. */
  public static Optional<String> skipReason(Execution e) {
    Value v = e.customProperties().get(StoreKeys.SKIP_REASON);
    return v == null ? Optional.empty() : Optional.of(String.valueOf(StoreValues.toJava(v)));
  }
}
