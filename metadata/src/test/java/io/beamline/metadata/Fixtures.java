package io.beamline.metadata;

import java.nio.file.Path;
import java.util.Map;

/** Shared test fixtures: a store file with the types the tests use. */
final class Fixtures {
  private Fixtures() {}

  /** A new store of this kind with the test types; a SQLite one in a directory to be created. */
  static MetadataStore store(StoreKind kind, Path dir) {
    MetadataStore store = kind == StoreKind.SQLITE
        ? MetadataStore.openSqlite(dir.resolve("sub/dir/metadata.sqlite")) : kind.open(dir);
    registerTypes(store);
    return store;
  }

  static void registerTypes(MetadataStore store) {
    store.putArtifactType("Examples", Map.of("span", PropertyType.INT,
        "ratio", PropertyType.DOUBLE, "split_names", PropertyType.STRING,
        "features", PropertyType.STRUCT));
    store.putArtifactType("ExampleStatistics", Map.of());
    store.putArtifactType("Schema", Map.of());
    store.putArtifactType("Data", Map.of());
    store.putArtifactType("ExampleAnomalies", Map.of());
    store.putArtifactType("Model", Map.of());
    for (String component : new String[] {"ExampleGen", "StatisticsGen", "SchemaGen",
        "ExampleValidator", "Trainer"}) {
      store.putExecutionType(component, Map.of("attempt", PropertyType.INT));
    }
    ContextTypes.register(store);
  }

  static Artifact artifact(MetadataStore store, String type, String uri) {
    return store.putArtifact(Artifact.create(type, uri));
  }

  static Execution execution(MetadataStore store, String type, String node) {
    return store.putExecution(Execution.create(type, node));
  }
}
