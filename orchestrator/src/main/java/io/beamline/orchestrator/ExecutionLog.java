package io.beamline.orchestrator;

import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.Execution;
import io.beamline.metadata.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the orchestrator keeps an execution's log: {@code node.log} in {@code
 * <root>/<pipeline>/<node>/logs/<execution id>/}, named by the execution's {@value #PROPERTY}
 * custom property (a file beside the artifacts rather than a store column, so the store's schema
 * stays as it is). Kept only under a local artifact root; at most about 256 KB each (see the
 * orchestrator README). Cached executions ran nothing and have no log.
 *
 * <pre>{@code
 * ExecutionLog.of(execution).map(ExecutionLog::read).ifPresent(System.out::print);
 * }</pre>
 */
public final class ExecutionLog {
  /** The execution custom property holding the log file's absolute path. */
  public static final String PROPERTY = "log_uri";
  static final String FILE_NAME = "node.log";

  private ExecutionLog() {}

  /** The log file the execution names, if it names one (it may not exist yet, or any more). */
  public static Optional<Path> of(Execution execution) {
    Value v = execution.customProperties().get(PROPERTY);
    return v instanceof Value.StringValue s ? Optional.of(Path.of(s.value())) : Optional.empty();
  }

  /** The log's text; empty when the file is not there (the node has printed nothing yet). */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read execution log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Where the log of this execution goes, or empty when the root is not a local directory. */
  static Optional<Path> fileFor(ArtifactRoot root, String pipeline, String node, long executionId) {
    if (!root.uri().startsWith("/")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(root.outputUri(pipeline, node, "logs", executionId)).resolve(FILE_NAME));
  }
}
