package io.beamline.ui;

import io.beamline.metadata.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Beamline home the dashboard reads: {@code metadata.sqlite} opened read-only (so no request
 * can change the store, and a store another process is writing is read as it is now), and the
 * artifact root {@code artifacts/}. The store is opened when it first exists, so a dashboard
 * started on an empty home shows runs once a pipeline creates it.
 */
final class Home implements AutoCloseable {
  private final Path dir;
  private MetadataStore store;

  Home(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  Path dir() {
    return dir;
  }

  Path storeFile() {
    return dir.resolve("metadata.sqlite");
  }

  Path artifactRoot() {
    return dir.resolve("artifacts");
  }

  /** {@code query} over the store, or empty while there is no store yet. */
  <T> Optional<T> read(Function<MetadataStore, T> query) {
    MetadataStore s = store();
    return s == null ? Optional.empty() : Optional.ofNullable(query.apply(s));
  }

  private synchronized MetadataStore store() {
    if (store == null && Files.isRegularFile(storeFile())) {
      store = MetadataStore.openSqliteReadOnly(storeFile());
    }
    return store;
  }

  @Override
  public synchronized void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
