package io.beamline.orchestrator;

/** Names of the custom properties the orchestrator records on executions and run contexts. */
final class StoreKeys {
  static final String CACHE_KEY = "cache_key";
  static final String PARAMETERS = "parameters";
  static final String COMPONENT_VERSION = "component_version";
  static final String CACHED_FROM = "cached_from_execution";
  static final String OUTPUT_KEY = "output_key";
  /** SKIPPED on the execution of a node a condition kept from running (its state stays NEW). */
  static final String NODE_STATE = "node_state";
  static final String SKIP_REASON = "skip_reason";

  static final String RUN_STATE = "state";
  static final String RUN_START = "start_time";
  static final String RUN_END = "end_time";
  static final String RUN_ERROR = "error";

  // Who runs a run (on its context) or an execution, so a later process can tell a crashed run
  // from a live one (DeadRuns). Only the run context carries the heartbeat: executions are
  // rewritten whole when they finish, and a heartbeat written beside that could race with it.
  static final String OWNER_PID = "owner_pid";
  static final String OWNER_HOST = "owner_host";
  static final String OWNER_PROCESS_START = "owner_process_start";
  static final String OWNER_PROCESS_START_TICKS = "owner_process_start_ticks";
  static final String HEARTBEAT = "heartbeat";

  private StoreKeys() {}
}
