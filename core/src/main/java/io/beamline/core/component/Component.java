package io.beamline.core.component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline step: a spec (inputs, outputs, parameters) and an executor. The same instance is run as
 * a library call ({@link ComponentRun}), a command-line subcommand, or a pipeline node.
 */
public interface Component<P extends Record> {
  ComponentSpec<P> spec();

  Executor<P> executor();

  /**
   * A fingerprint of what the component reads from outside the store (e.g. input files' names,
   * sizes and modification times), so an orchestrator can tell that an unchanged external input may
   * be served from cache. Empty when everything the component reads comes from its input artifacts.
   */
  default Optional<String> externalInputFingerprint(P parameters, Map<String, List<ResolvedArtifact>> inputs) {
    return Optional.empty();
  }

  /** Bumped when the executor's output for the same inputs changes, so stale cache entries are not reused. */
  default String version() {
    return "1";
  }
}
