package io.beamline.cli;

import io.beamline.core.BeamlineException;
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
 * variable, else {@code ./beamline-home}. A shared store ({@code --store JDBC_URL}, else
 * {@code BEAMLINE_STORE}) replaces the home's SQLite file; artifacts stay under the home.
 *
 * @param storeUrl the shared store's JDBC URL, or null for the home's {@code metadata.sqlite}
 */
record BeamlineHome(Path dir, String storeUrl) {
  static final String ENV = "BEAMLINE_HOME";
  static final String STORE_ENV = "BEAMLINE_STORE";

  BeamlineHome(Path dir) {
    this(dir, null);
  }

  static BeamlineHome resolve(Path option) {
    return resolve(option, null);
  }

  static BeamlineHome resolve(Path option, String storeOption) {
    String store = storeOption;
    if (store == null || store.isBlank()) {
      String env = System.getenv(STORE_ENV);
      store = env == null || env.isBlank() ? null : env.strip();
    }
    if (option != null) {
      return checked(option, "--home", store);
    }
    String env = System.getenv(ENV);
    return env != null && !env.isBlank() ? checked(Path.of(env), "$" + ENV, store)
        : checked(Path.of("beamline-home"), "the default", store);
  }

  /**
   * A home that is a regular file would read as "no store yet" and fail to be created later; say
   * so where it is chosen. Exit 1 rather than 2 (usage): the command line is well formed, the
   * file system does not match it, and $BEAMLINE_HOME can name the same file.
   */
  private static BeamlineHome checked(Path dir, String source, String storeUrl) {
    Path home = dir.toAbsolutePath().normalize();
    if (Files.exists(home) && !Files.isDirectory(home)) {
      throw new BeamlineException("Beamline home " + home + " (" + source
          + ") is a file, not a directory");
    }
    return new BeamlineHome(home, storeUrl);
  }

  Path storeFile() {
    return dir.resolve("metadata.sqlite");
  }

  /** The store as messages name it: the home's file, or the shared store's URL, password masked. */
  String storeName() {
    return storeUrl == null ? storeFile().toString() : MetadataStore.displayUrl(storeUrl);
  }

  boolean sharedStore() {
    return storeUrl != null;
  }

  ArtifactRoot artifactRoot() {
    return ArtifactRoot.of(dir.resolve("artifacts").toString());
  }

  /** Opens (creating if needed) the store, for commands that write. */
  MetadataStore openStore() {
    return storeUrl == null ? MetadataStore.openSqlite(storeFile()) : MetadataStore.open(storeUrl);
  }

  /**
   * Opens the store read-only if it exists, for commands that only read: they never create a home,
   * a file or a table, never migrate, and can list a store they may not write.
   */
  Optional<MetadataStore> openExistingStore() {
    if (storeUrl != null) {
      return Optional.of(MetadataStore.openReadOnly(storeUrl));
    }
    return Files.exists(storeFile()) ? Optional.of(MetadataStore.openSqliteReadOnly(storeFile()))
        : Optional.empty();
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
