package io.beamline.metadata;

import java.util.Map;

/**
 * Names of the standard context types, as TFX uses them: every execution and artifact of a run is
 * attributed to its {@code pipeline}, its {@code pipeline_run} (whose parent is the pipeline) and
 * its {@code node}.
 */
public final class ContextTypes {
  public static final String PIPELINE = "pipeline";
  public static final String PIPELINE_RUN = "pipeline_run";
  public static final String NODE = "node";

  private ContextTypes() {}

  /** Registers the three standard context types (idempotent). */
  public static void register(MetadataStore store) {
    store.inTransaction(
        s -> {
          s.putContextType(PIPELINE, Map.of());
          s.putContextType(PIPELINE_RUN, Map.of());
          s.putContextType(NODE, Map.of());
          return null;
        });
  }
}
