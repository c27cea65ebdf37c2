package io.beamline.orchestrator;

/** Names of the custom properties the orchestrator records on executions and run contexts. */
final class StoreKeys {
  static final String CACHE_KEY = "cache_key";
  static final String PARAMETERS = "parameters";
  static final String COMPONENT_VERSION = "component_version";
  static final String CACHED_FROM = "cached_from_execution";
  static final String OUTPUT_KEY = "output_key";

  static final String RUN_STATE = "state";
  static final String RUN_START = "start_time";
  static final String RUN_END = "end_time";
  static final String RUN_ERROR = "error";

  private StoreKeys() {}
}
