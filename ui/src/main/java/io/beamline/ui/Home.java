package io.beamline.ui;

import io.beamline.metadata.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * The Beamline home the dashboard reads: {@code metadata.sqlite} opened read-only (so no request
 * can change the store, and a store another process is writing is read as it is now), and the
 * artifact root {@code artifacts/}. The store is opened when it first exists, so a dashboard
 * started on an empty home shows runs once a pipeline creates it. A few read-only connections are
 * kept ({@value #CONNECTIONS}): one store serializes its callers, and SQLite reads in parallel on
 * separate connections.
 */
final class Home implements AutoCloseable {
  static final int CONNECTIONS = 4;

  private final Path dir;
  private final BlockingQueue<MetadataStore> idle = new ArrayBlockingQueue<>(CONNECTIONS);
  private final List<MetadataStore> opened = new ArrayList<>();
  private boolean closed;

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

  /** {@code query} over the store on a connection of its own, or empty while there is no store yet. */
  <T> Optional<T> read(Function<MetadataStore, T> query) {
    MetadataStore store = take();
    if (store == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(query.apply(store));
    } finally {
      idle.add(store);
    }
  }

  private MetadataStore take() {
    MetadataStore store = idle.poll();
    if (store != null) {
      return store;
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("The dashboard is stopped");
      }
      if (opened.size() < CONNECTIONS) {
        if (!Files.isRegularFile(storeFile())) {
          return null;
        }
        MetadataStore s = MetadataStore.openSqliteReadOnly(storeFile());
        opened.add(s);
        return s;
      }
    }
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a store connection", e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    opened.forEach(MetadataStore::close);
    opened.clear();
    idle.clear();
  }
}
