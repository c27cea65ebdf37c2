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
 * variable, else {@code ./beamline-home}.
 */
record BeamlineHome(Path dir) {
  static final String ENV = "BEAMLINE_HOME";

  static BeamlineHome resolve(Path option) {
    if (option != null) {
      return checked(option, "--home");
    }
    String env = System.getenv(ENV);
    return env != null && !env.isBlank() ? checked(Path.of(env), "$" + ENV)
        : checked(Path.of("beamline-home"), "the default");
  }

  /**
   * A home that is a regular file would read as "no store yet" and fail to be created later; say
   * so where it is chosen. Exit 1 rather than 2 (usage): the command line is well formed, the
   * file system does not match it, and $BEAMLINE_HOME can name the same file.
   */
  private static BeamlineHome checked(Path dir, String source) {
    Path home = dir.toAbsolutePath().normalize();
    if (Files.exists(home) && !Files.isDirectory(home)) {
      throw new BeamlineException("Beamline home " + home + " (" + source
          + ") is a file, not a directory");
    }
    return new BeamlineHome(home);
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

  /**
   * Opens the store read-only if it exists, for commands that only read: they never create a home,
   * a file or a table, never migrate, and can list a store they may not write.
   */
  Optional<MetadataStore> openExistingStore() {
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
