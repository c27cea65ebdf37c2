package io.beamline.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One JDBC connection, guarded by a lock so threads of one process take turns, and the
 * transaction discipline around it: nested calls join the outermost transaction, and the
 * outermost one is retried with backoff when the database reports it is busy.
 */
final class Database implements AutoCloseable {
  /** Attempts for a transaction that keeps failing with SQLITE_BUSY/LOCKED (after busy_timeout). */
  static final int MAX_ATTEMPTS = 5;

  private static final long BASE_BACKOFF_MS = 50;

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Connection connection;
  private final Dialect dialect;
  private final String where;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong retries = new AtomicLong();
  // Guarded by lock.
  private int depth;
  private boolean rollbackOnly;
  private boolean closed;

  Database(Connection connection, Dialect dialect, String where) {
    this.connection = connection;
    this.dialect = dialect;
    this.where = where;
  }

  /** Transactions run again because the database was busy, since this store was opened. */
  long retries() {
    return retries.get();
  }

  Dialect dialect() {
    return dialect;
  }

  String where() {
    return where;
  }

  <T> T write(Work<T> work) {
    return transact(true, work);
  }

  /** Reads run in a (deferred) transaction too, so multi-statement loads see one snapshot. */
  <T> T read(Work<T> work) {
    return transact(false, work);
  }

  private <T> T transact(boolean write, Work<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new MetadataStoreException("Metadata store " + where + " is closed");
      }
      if (depth > 0) {
        return joined(work);
      }
      for (int attempt = 1; ; attempt++) {
        try {
          return outermost(write, work);
        } catch (MetadataStoreException e) {
          if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) {
            throw e;
          }
          retries.incrementAndGet();
          backoff(attempt, e);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> T joined(Work<T> work) {
    depth++;
    try {
      return work.run(connection);
    } catch (SQLException e) {
      rollbackOnly = true;
      throw wrap(e);
    } catch (RuntimeException | Error e) {
      // A caller may catch this inside its transaction; committing the rest would then store a
      // half-done change, so the outer transaction can only roll back now.
      rollbackOnly = true;
      throw e;
    } finally {
      depth--;
    }
  }

  private <T> T outermost(boolean write, Work<T> work) {
    try {
      dialect.begin(connection, write);
    } catch (SQLException e) {
      throw wrap(e);
    }
    depth = 1;
    rollbackOnly = false;
    try {
      T result = work.run(connection);
      if (rollbackOnly) {
        throw new MetadataStoreException("Metadata store " + where + ": transaction rolled back "
            + "because a store call inside it failed (the failure was caught by the caller)");
      }
      dialect.commit(connection);
      return result;
    } catch (SQLException e) {
      throw rollback(wrap(e));
    } catch (RuntimeException e) {
      throw rollback(e);
    } catch (Error e) {
      throw rollback(e);
    } finally {
      depth = 0;
      rollbackOnly = false;
    }
  }

  private <E extends Throwable> E rollback(E failure) {
    try {
      dialect.rollback(connection);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }

  private MetadataStoreException wrap(SQLException e) {
    return new MetadataStoreException("Metadata store " + where + ": database error: "
        + e.getMessage(), e);
  }

  private boolean isRetryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && dialect.isRetryable(s)) {
        return true;
      }
    }
    return false;
  }

  private static void backoff(int attempt, MetadataStoreException cause) {
    long ms = BASE_BACKOFF_MS * (1L << (attempt - 1));
    try {
      Thread.sleep(ms + ThreadLocalRandom.current().nextLong(ms));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        connection.close();
      }
    } catch (SQLException e) {
      throw new MetadataStoreException("Metadata store " + where + ": cannot close", e);
    } finally {
      lock.unlock();
    }
  }
}
