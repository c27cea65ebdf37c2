package io.beamline.cli;

import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The folder holding the metadata store ({@code metadata.sqlite}) and the artifact root
 * ({@code artifacts/}). Chosen by {@code --home}, else the {@code BEAMLINE_HOME} environment
 * variable, else {@code ./beamline-home}.
 */
record BeamlineHome(Path dir) {
  static final String ENV = "BEAMLINE_HOME";

  static BeamlineHome resolve(Path option) {
    if (option != null) {
      return new BeamlineHome(option.toAbsolutePath().normalize());
    }
    String env = System.getenv(ENV);
    Path dir = env != null && !env.isBlank() ? Path.of(env) : Path.of("beamline-home");
    return new BeamlineHome(dir.toAbsolutePath().normalize());
  }

  Path storeFile() {
    return dir.resolve("metadata.sqlite");
  }

  ArtifactRoot artifactRoot() {
    return ArtifactRoot.of(dir.resolve("artifacts").toString());
  }

  /** Opens (creating if needed) the store, for commands that write. */
  MetadataStore openStore() {
    return MetadataStore.openSqlite(storeFile());
  }

  /** Opens the store only if it exists, for commands that only read: they never create a home. */
  Optional<MetadataStore> openExistingStore() {
    return Files.exists(storeFile()) ? Optional.of(MetadataStore.openSqlite(storeFile())) : Optional.empty();
  }

  /**
   * Runs a read-only {@code query} on the store and returns its exit code; with no store yet, prints
   * {@code noStore} and returns 0 (an empty home is not an error).
   */
  int query(PrintWriter out, String noStore, ToIntFunction<MetadataStore> query) {
    Optional<MetadataStore> opened = openExistingStore();
    if (opened.isEmpty()) {
      out.println(noStore);
      return 0;
    }
    try (MetadataStore store = opened.get()) {
      return query.applyAsInt(store);
    }
  }
}
