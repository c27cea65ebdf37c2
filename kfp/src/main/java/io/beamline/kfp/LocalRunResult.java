package io.beamline.kfp;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link LocalPipelineRunner} run did.
 *
 * @param runRoot the run's directory under the pipeline root
 * @param tasks each task's result, in the order they ran
 */
public record LocalRunResult(Path runRoot, Map<String, TaskResult> tasks) {
  public LocalRunResult {
    tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
  }

  public enum State { SUCCEEDED, FAILED, SKIPPED }

  /** Whether every task succeeded. */
  public boolean succeeded() {
    return tasks.values().stream().allMatch(t -> t.state() == State.SUCCEEDED);
  }

  /** Each task's state and message, then the log of each task that ran: what a failed run's report shows. */
  public String report() {
    StringBuilder out = new StringBuilder();
    tasks.values().forEach(t -> out.append(t.name()).append(' ').append(t.state()).append(' ').append(t.message()).append('\n'));
    tasks.values().forEach(t -> t.log().ifPresent(l -> {
      out.append("--- ").append(t.name()).append(" (").append(l).append(")\n");
      try {
        out.append(java.nio.file.Files.readString(l));
      } catch (java.io.IOException e) {
        out.append("(unreadable: ").append(e.getMessage()).append(")\n");
      }
    }));
    return out.toString();
  }

  public TaskResult task(String name) {
    TaskResult t = tasks.get(name);
    if (t == null) {
      throw new IllegalArgumentException("No task '" + name + "'; tasks: " + tasks.keySet());
    }
    return t;
  }

  /**
   * @param name the task name
   * @param state how it ended
   * @param message why it failed or was skipped; empty when it succeeded
   * @param outputs its output artifacts as KFP runtime artifacts (name, type, uri, metadata)
   * @param log its stdout and stderr, when it ran
   */
  public record TaskResult(String name, State state, String message, Map<String, JsonNode> outputs, Optional<Path> log) {
    public TaskResult {
      outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    static TaskResult succeeded(String name, Map<String, JsonNode> outputs, Path log) {
      return new TaskResult(name, State.SUCCEEDED, "", outputs, Optional.of(log));
    }

    static TaskResult failed(String name, String message, Path log) {
      return new TaskResult(name, State.FAILED, message, Map.of(), Optional.of(log));
    }

    static TaskResult skipped(String name, String message) {
      return new TaskResult(name, State.SKIPPED, message, Map.of(), Optional.empty());
    }

    /** The metadata (Beamline's artifact properties) of output {@code key}. */
    public JsonNode metadata(String key) {
      JsonNode artifact = outputs.get(key);
      if (artifact == null) {
        throw new IllegalArgumentException("Task " + name + " has no output '" + key + "'; outputs: " + outputs.keySet());
      }
      return artifact.path("metadata");
    }
  }
}
