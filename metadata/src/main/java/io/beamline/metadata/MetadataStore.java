package io.beamline.metadata;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The metadata store: types, artifacts, executions, contexts, the links between them, and lineage.
 *
 * <pre>{@code
 * try (MetadataStore store = MetadataStore.openSqlite(home.resolve("metadata.sqlite"))) {
 *   store.putArtifactType("Examples", Map.of("span", PropertyType.INT));
 *   store.putExecutionType("ExampleGen", Map.of());
 *   ExecutionRecord r = store.putExecution(
 *       Execution.create("ExampleGen", "example_gen").withState(ExecutionState.COMPLETE),
 *       List.of(ArtifactAndEvent.output(Artifact.create("Examples", uri), "examples")),
 *       List.of(Context.create(ContextTypes.PIPELINE, "taxi")));
 * }
 * }</pre>
 *
 * <p>Safe for several threads: one connection behind a lock. Several processes may share a SQLite
 * file: writes take the write lock at the start of each transaction and wait up to 30 s for it,
 * then retry with backoff. Every put is one transaction; {@link #inTransaction} groups several.
 * Lists come back in id order; {@code get} methods for a missing id return empty, {@code put}
 * methods referring to a missing id throw.
 */
public final class MetadataStore implements AutoCloseable {
  private final Database db;
  private final Clock clock;

  private MetadataStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Opens (creating it and its parent directories if needed) a SQLite store file. */
  public static MetadataStore openSqlite(Path file) {
    return openSqlite(file, Migrations.all());
  }

  static MetadataStore openSqlite(Path file, List<Migrations.Migration> migrations) {
    String where = file.toAbsolutePath().toString();
    if (Files.isDirectory(file)) {
      throw new MetadataStoreException(where + " is a directory, not a metadata store file");
    }
    // SQLite would open it read-only without a word and fail at the first write, mid-run.
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new MetadataStoreException(where + " is read-only: no permission to write to it");
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (FileAlreadyExistsException e) {
      throw new MetadataStoreException("Cannot create the directory of metadata store " + where
          + ": " + e.getFile() + " exists and is not a directory", e);
    } catch (IOException e) {
      throw new MetadataStoreException("Cannot create the directory of metadata store " + where
          + ": " + e.getMessage(), e);
    }
    return open(Dialect.SQLITE, Dialect.sqliteUrl(file), new Properties(), where, false,
        migrations);
  }

  /**
   * Opens an existing SQLite store for reading only, for commands that list or inspect it. It
   * creates no file, directory or table and applies no migration, and SQLite refuses any write
   * through it. A path that is missing or a directory, a file that is not a SQLite database or is
   * damaged, and a database without this code's schema version are refused with a message that
   * names the file. A store in a directory this process cannot write to can still be read.
   */
  public static MetadataStore openSqliteReadOnly(Path file) {
    return openSqliteReadOnly(file, Migrations.all());
  }

  static MetadataStore openSqliteReadOnly(Path file, List<Migrations.Migration> migrations) {
    String where = file.toAbsolutePath().toString();
    if (Files.isDirectory(file)) {
      throw new MetadataStoreException(where + " is a directory, not a metadata store file");
    }
    if (!Files.exists(file)) {
      throw new MetadataStoreException(where + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new MetadataStoreException(where + " is not a regular file");
    }
    try {
      return open(Dialect.SQLITE, Dialect.sqliteUrl(file), new Properties(), where, true,
          migrations);
    } catch (MetadataStoreException e) {
      SQLException sql = sqlCause(e);
      if (sql == null || (sql.getErrorCode() & 0xff) != 8 /* SQLITE_READONLY */) {
        throw e;
      }
      // Reading a WAL store needs its -shm index beside it, which SQLite cannot create in a
      // directory this process cannot write to. Read the file as immutable then (no locks, no
      // -shm), unless a -wal file holds commits not yet copied into it: those would be missed.
      // The one risk left, a writer checkpointing while we read, needs someone who can write
      // there to start just then; a listing may then fail, it cannot change the store.
      Path wal = Path.of(file.toAbsolutePath() + "-wal");
      if (walSize(wal) > 0) {
        throw new MetadataStoreException(where + " cannot be read: it is in a directory this "
            + "process cannot write to, and its write-ahead log " + wal + " holds changes not yet "
            + "in the file", sql);
      }
      return open(Dialect.SQLITE, Dialect.sqliteImmutableUrl(file), new Properties(), where,
          true, migrations);
    }
  }

  /**
   * Opens, creating or upgrading its tables if needed, the store at a JDBC URL:
   * {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST[:PORT]/DATABASE} (the database must
   * exist). A server's user and password come from the environment, see {@link
   * #open(String, Map)}; messages name the URL with any password masked.
   */
  public static MetadataStore open(String jdbcUrl) {
    return open(jdbcUrl, System.getenv(), Migrations.all());
  }

  /**
   * Like {@link #open(String)}, with the credentials taken from {@code env} instead of the
   * process environment: {@code BEAMLINE_STORE_PASSWORD}, or the first line of the file named by
   * {@code BEAMLINE_STORE_PASSWORD_FILE}, or {@code PGPASSWORD} (else {@code ~/.pgpass}); user
   * {@code BEAMLINE_STORE_USER} or {@code PGUSER}, else the URL's {@code user=}.
   */
  public static MetadataStore open(String jdbcUrl, Map<String, String> env) {
    return open(jdbcUrl, env, Migrations.all());
  }

  /** With an explicit migration list, so tests can play an older or newer code version. */
  static MetadataStore open(String jdbcUrl, List<Migrations.Migration> migrations) {
    return open(jdbcUrl, System.getenv(), migrations);
  }

  static MetadataStore open(String jdbcUrl, Map<String, String> env,
      List<Migrations.Migration> migrations) {
    Checks.requireName(jdbcUrl, "Metadata store URL");
    return open(Dialect.forUrl(jdbcUrl), jdbcUrl, StoreCredentials.resolve(jdbcUrl, env),
        StoreCredentials.masked(jdbcUrl), false, migrations);
  }

  /** A store URL as it may be printed: any {@code password=} in it masked. */
  public static String displayUrl(String jdbcUrl) {
    return StoreCredentials.masked(jdbcUrl);
  }

  /**
   * Opens the store at a JDBC URL for reading only: {@link #openSqliteReadOnly} for a
   * {@code jdbc:sqlite:} file; on a server, a read-only connection that checks the schema version
   * and never creates or migrates anything.
   */
  public static MetadataStore openReadOnly(String jdbcUrl) {
    Checks.requireName(jdbcUrl, "Metadata store URL");
    Dialect dialect = Dialect.forUrl(jdbcUrl);
    if (dialect == Dialect.SQLITE) {
      return openSqliteReadOnly(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())));
    }
    return open(dialect, jdbcUrl, StoreCredentials.resolve(jdbcUrl, System.getenv()),
        StoreCredentials.masked(jdbcUrl), true, Migrations.all());
  }

  /**
   * Connects and then brings the schema up to date, or, read-only, only checks it. {@code where}
   * names the store in messages: the file for SQLite, else the URL with its password masked.
   */
  private static MetadataStore open(Dialect dialect, String jdbcUrl, Properties credentials,
      String where, boolean readOnly, List<Migrations.Migration> migrations) {
    Connection connection = connect(dialect, jdbcUrl, credentials, where, readOnly);
    Database db = new Database(connection, dialect, where);
    try {
      if (readOnly) {
        db.read(c -> {
          Migrations.check(c, dialect, migrations, where);
          return null;
        });
      } else {
        db.write(c -> Migrations.apply(c, dialect, migrations, where));
      }
    } catch (RuntimeException e) {
      RuntimeException failure = fileProblem(dialect, where, e);
      try {
        db.close();
      } catch (RuntimeException closing) {
        failure.addSuppressed(closing);
      }
      throw failure;
    }
    return new MetadataStore(db, Clock.systemUTC());
  }

  /**
   * Switching a fresh SQLite file to WAL needs a moment of exclusive access; another process
   * opening it at that instant can see SQLITE_BUSY, so opening is retried like a transaction.
   */
  private static Connection connect(Dialect dialect, String jdbcUrl, Properties credentials,
      String where, boolean readOnly) {
    for (int attempt = 1; ; attempt++) {
      try {
        return readOnly ? dialect.connectReadOnly(jdbcUrl, credentials)
            : dialect.connect(jdbcUrl, credentials);
      } catch (SQLException e) {
        if (attempt >= Database.MAX_ATTEMPTS || !dialect.isRetryable(e)) {
          String problem = dialect.problem(e);
          throw new MetadataStoreException(problem != null ? where + " " + problem
              : "Cannot open metadata store " + where + ": "
                  + StoreCredentials.masked(e.getMessage()), e);
        }
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new MetadataStoreException("Interrupted while opening " + where, ie);
        }
      }
    }
  }

  /**
   * A bad file shows up while opening, usually at the first statement rather than at connect:
   * say what is wrong with the file, not that some SQL failed (the SQL error stays the cause).
   */
  private static RuntimeException fileProblem(Dialect dialect, String where, RuntimeException e) {
    SQLException sql = sqlCause(e);
    String problem = sql == null ? null : dialect.problem(sql);
    return problem == null ? e : new MetadataStoreException(where + " " + problem, sql);
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  private static long walSize(Path wal) {
    try {
      return Files.exists(wal) ? Files.size(wal) : 0;
    } catch (IOException e) {
      throw new MetadataStoreException("Cannot read the size of write-ahead log " + wal + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * How many transactions had to run again since this store was opened because another writer
   * held the database past its wait (SQLite busy, PostgreSQL lock timeout or deadlock).
   */
  public long retries() {
    return db.retries();
  }

  /** The schema version of the store (the highest applied migration). */
  public int schemaVersion() {
    return db.read(Migrations::current);
  }

  /**
   * Runs {@code work} in one transaction: all its store calls commit together or not at all.
   * Calls nest: an inner {@code inTransaction} (or any put) joins the outer transaction. If a
   * store call inside fails, the whole transaction rolls back even if the caller catches it.
   * Other threads wait until the transaction ends.
   */
  public <T> T inTransaction(StoreWork<T> work) {
    return db.write(c -> work.run(this));
  }

  // ---- types

  public ArtifactType putArtifactType(String name, Map<String, PropertyType> properties) {
    TypeDao.StoredType t = db.write(c -> TypeDao.put(c, TypeDao.Kind.ARTIFACT, name, properties));
    return new ArtifactType(t.id(), t.name(), t.properties());
  }

  public ExecutionType putExecutionType(String name, Map<String, PropertyType> properties) {
    TypeDao.StoredType t = db.write(c -> TypeDao.put(c, TypeDao.Kind.EXECUTION, name, properties));
    return new ExecutionType(t.id(), t.name(), t.properties());
  }

  public ContextType putContextType(String name, Map<String, PropertyType> properties) {
    TypeDao.StoredType t = db.write(c -> TypeDao.put(c, TypeDao.Kind.CONTEXT, name, properties));
    return new ContextType(t.id(), t.name(), t.properties());
  }

  public Optional<ArtifactType> getArtifactType(String name) {
    return db.read(c -> TypeDao.find(c, TypeDao.Kind.ARTIFACT, name))
        .map(t -> new ArtifactType(t.id(), t.name(), t.properties()));
  }

  public Optional<ExecutionType> getExecutionType(String name) {
    return db.read(c -> TypeDao.find(c, TypeDao.Kind.EXECUTION, name))
        .map(t -> new ExecutionType(t.id(), t.name(), t.properties()));
  }

  public Optional<ContextType> getContextType(String name) {
    return db.read(c -> TypeDao.find(c, TypeDao.Kind.CONTEXT, name))
        .map(t -> new ContextType(t.id(), t.name(), t.properties()));
  }

  // ---- puts

  /** Inserts (id 0) or updates an artifact; returns it with id and times. */
  public Artifact putArtifact(Artifact artifact) {
    Checks.requireNonNull(artifact, "Artifact");
    return db.write(c -> ArtifactDao.put(c, artifact, now()));
  }

  /** Inserts (id 0) or updates an execution; returns it with id and times. */
  public Execution putExecution(Execution execution) {
    Checks.requireNonNull(execution, "Execution");
    return db.write(c -> ExecutionDao.put(c, execution, now()));
  }

  /**
   * Inserts (id 0) or updates a context. Inserting a type and name that already exist is an
   * error; see {@link #putContextIfAbsent}.
   */
  public Context putContext(Context context) {
    Checks.requireNonNull(context, "Context");
    return db.write(c -> ContextDao.put(c, context, now(), false));
  }

  /** The stored context of this type and name, inserting {@code context} if there is none. */
  public Context putContextIfAbsent(Context context) {
    Checks.requireNonNull(context, "Context");
    return db.write(c -> ContextDao.put(c, context, now(), true));
  }

  /** Stores an event; its time defaults to now. */
  public Event putEvent(Event event) {
    Checks.requireNonNull(event, "Event");
    return db.write(c -> EventDao.put(c, event, now()));
  }

  public void putAttribution(Attribution attribution) {
    db.write(c -> {
      EventDao.putAttribution(c, attribution);
      return null;
    });
  }

  public void putAssociation(Association association) {
    db.write(c -> {
      EventDao.putAssociation(c, association);
      return null;
    });
  }

  /** Makes {@code parentId} a parent of {@code childId} (e.g. a run's pipeline). */
  public void putParentContext(long childId, long parentId) {
    db.write(c -> {
      ContextDao.putParent(c, childId, parentId);
      return null;
    });
  }

  /**
   * Like ML Metadata's PutExecution, in one transaction: stores the execution, each artifact
   * (insert or update) and its event, and attributes/associates them to each context. Contexts
   * with id 0 are created, or reused when their type and name exist already (as TFX does).
   */
  public ExecutionRecord putExecution(Execution execution, List<ArtifactAndEvent> artifacts,
      List<Context> contexts) {
    Checks.requireNonNull(execution, "Execution");
    return db.write(c -> {
      Instant now = now();
      Execution e = ExecutionDao.put(c, execution, now);
      List<Context> storedContexts = new ArrayList<>();
      for (Context x : contexts) {
        Context stored = x.id() == 0 ? ContextDao.put(c, x, now, true) : ContextDao.get(c, x.id());
        storedContexts.add(stored);
        EventDao.putAssociation(c, new Association(stored.id(), e.id()));
      }
      List<Artifact> storedArtifacts = new ArrayList<>();
      List<Event> events = new ArrayList<>();
      for (ArtifactAndEvent ae : artifacts) {
        Artifact a = ArtifactDao.put(c, ae.artifact(), now);
        storedArtifacts.add(a);
        events.add(EventDao.put(c,
            new Event(a.id(), e.id(), ae.eventType(), ae.key(), ae.index(), now), now));
        for (Context x : storedContexts) {
          EventDao.putAttribution(c, new Attribution(x.id(), a.id()));
        }
      }
      return new ExecutionRecord(e, storedArtifacts, events, storedContexts);
    });
  }

  // ---- artifact queries

  public Optional<Artifact> getArtifact(long id) {
    return db.read(c -> ArtifactDao.load(c, "a.id = ?", List.of(id))).stream().findFirst();
  }

  /** Every artifact in the store, in id order. */
  public List<Artifact> getArtifacts() {
    return db.read(c -> ArtifactDao.load(c, "1 = 1", List.of()));
  }

  /** The artifacts of these ids that exist, in id order. */
  public List<Artifact> getArtifacts(Collection<Long> ids) {
    return db.read(c -> ArtifactDao.byIds(c, ids));
  }

  public List<Artifact> getArtifactsByType(String type) {
    return db.read(c -> ArtifactDao.load(c,
        "a.type_id = (SELECT id FROM type WHERE kind = 'ARTIFACT' AND name = ?)", List.of(type)));
  }

  /**
   * The newest {@code limit} artifacts of the type, in id order: a listing that stays quick
   * however many the store holds.
   */
  public List<Artifact> getArtifactsByType(String type, int limit) {
    Checks.requireLimit(limit);
    return db.read(c -> ArtifactDao.load(c, "a.id IN (SELECT n.id FROM artifact n WHERE n.type_id ="
        + " (SELECT id FROM type WHERE kind = 'ARTIFACT' AND name = ?) ORDER BY n.id DESC LIMIT ?)",
        List.of(type, limit)));
  }

  /** The newest {@code limit} artifacts of any type, in id order. */
  public List<Artifact> getArtifacts(int limit) {
    Checks.requireLimit(limit);
    return db.read(c -> ArtifactDao.load(c,
        "a.id IN (SELECT n.id FROM artifact n ORDER BY n.id DESC LIMIT ?)", List.of(limit)));
  }

  /** Artifacts in this state, in id order (e.g. DELETED ones, for garbage collection). */
  public List<Artifact> getArtifactsByState(ArtifactState state) {
    Checks.requireNonNull(state, "Artifact state");
    return db.read(c -> ArtifactDao.load(c, "a.state = ?", List.of(state.name())));
  }

  public List<Artifact> getArtifactsByUri(String uri) {
    return db.read(c -> ArtifactDao.load(c, "a.uri = ?", List.of(uri)));
  }

  public List<Artifact> getArtifactsByContext(long contextId) {
    return db.read(c -> ArtifactDao.load(c,
        "a.id IN (SELECT artifact_id FROM attribution WHERE context_id = ?)", List.of(contextId)));
  }

  /** Artifacts with a typed or custom property {@code name} equal to {@code value}. */
  public List<Artifact> getArtifactsByProperty(String name, Value value) {
    PropertyDao.Condition match = PropertyDao.ARTIFACT.ownersWith(name, value);
    return db.read(c -> ArtifactDao.load(c, "a.id IN (" + match.sql() + ")", match.params()));
  }

  // ---- execution queries

  public Optional<Execution> getExecution(long id) {
    return db.read(c -> ExecutionDao.load(c, "e.id = ?", List.of(id))).stream().findFirst();
  }

  public List<Execution> getExecutions(Collection<Long> ids) {
    return db.read(c -> ExecutionDao.byIds(c, ids));
  }

  public List<Execution> getExecutionsByType(String type) {
    return db.read(c -> ExecutionDao.load(c,
        "e.type_id = (SELECT id FROM type WHERE kind = 'EXECUTION' AND name = ?)", List.of(type)));
  }

  public List<Execution> getExecutionsByContext(long contextId) {
    return db.read(c -> ExecutionDao.load(c,
        "e.id IN (SELECT execution_id FROM association WHERE context_id = ?)",
        List.of(contextId)));
  }

  /** Executions with a typed or custom property {@code name} equal to {@code value}. */
  public List<Execution> getExecutionsByProperty(String name, Value value) {
    PropertyDao.Condition match = PropertyDao.EXECUTION.ownersWith(name, value);
    return db.read(c -> ExecutionDao.load(c, "e.id IN (" + match.sql() + ")", match.params()));
  }

  // ---- context queries

  public Optional<Context> getContext(long id) {
    return db.read(c -> ContextDao.load(c, "x.id = ?", List.of(id))).stream().findFirst();
  }

  public Optional<Context> getContext(String type, String name) {
    return db.read(c -> ContextDao.find(c, type, name));
  }

  public List<Context> getContextsByType(String type) {
    return db.read(c -> ContextDao.load(c,
        "x.type_id = (SELECT id FROM type WHERE kind = 'CONTEXT' AND name = ?)", List.of(type)));
  }

  /** The newest {@code limit} contexts of the type (the latest runs), in id order. */
  public List<Context> getContextsByType(String type, int limit) {
    Checks.requireLimit(limit);
    return db.read(c -> ContextDao.load(c, "x.id IN (SELECT n.id FROM context n WHERE n.type_id ="
        + " (SELECT id FROM type WHERE kind = 'CONTEXT' AND name = ?) ORDER BY n.id DESC LIMIT ?)",
        List.of(type, limit)));
  }

  /**
   * Contexts of the type with a typed or custom property {@code name} equal to {@code value}
   * (e.g. the runs whose state is RUNNING), in id order.
   */
  public List<Context> getContextsByProperty(String type, String name, Value value) {
    PropertyDao.Condition match = PropertyDao.CONTEXT.ownersWith(name, value);
    List<Object> params = new ArrayList<>(match.params());
    params.add(type);
    return db.read(c -> ContextDao.load(c, "x.id IN (" + match.sql() + ") AND x.type_id ="
        + " (SELECT id FROM type WHERE kind = 'CONTEXT' AND name = ?)", params));
  }

  public List<Context> getContextsByArtifact(long artifactId) {
    return db.read(c -> ContextDao.load(c,
        "x.id IN (SELECT context_id FROM attribution WHERE artifact_id = ?)",
        List.of(artifactId)));
  }

  public List<Context> getContextsByExecution(long executionId) {
    return db.read(c -> ContextDao.load(c,
        "x.id IN (SELECT context_id FROM association WHERE execution_id = ?)",
        List.of(executionId)));
  }

  public List<Context> getParentContexts(long childId) {
    return db.read(c -> ContextDao.load(c,
        "x.id IN (SELECT parent_context_id FROM parent_context WHERE context_id = ?)",
        List.of(childId)));
  }

  public List<Context> getChildContexts(long parentId) {
    return db.read(c -> ContextDao.load(c,
        "x.id IN (SELECT context_id FROM parent_context WHERE parent_context_id = ?)",
        List.of(parentId)));
  }

  // ---- events and lineage

  /** Events touching these artifacts, in insertion order. */
  public List<Event> getEventsByArtifactIds(Collection<Long> artifactIds) {
    return db.read(c -> EventDao.byIds(c, "artifact_id", artifactIds, null));
  }

  /** Events touching these executions, in insertion order. */
  public List<Event> getEventsByExecutionIds(Collection<Long> executionIds) {
    return db.read(c -> EventDao.byIds(c, "execution_id", executionIds, null));
  }

  /** Walks events from the query's start node; see {@link LineageQuery}, {@link
   * LineageDirection}. */
  public LineageGraph lineage(LineageQuery query) {
    Checks.requireNonNull(query, "Lineage query");
    return db.read(c -> LineageWalker.walk(c, query));
  }

  /**
   * The ids of every artifact these were made from, however many hops back, these included (in
   * no particular order): what must stay if these stay. Unknown ids are returned as given.
   */
  public Set<Long> getUpstreamArtifactIds(Collection<Long> artifactIds) {
    Checks.requireNonNull(artifactIds, "Artifact ids");
    return db.read(c -> LineageWalker.upstreamArtifactIds(c, Set.copyOf(artifactIds)));
  }

  private Instant now() {
    return Checks.millis(clock.instant());
  }

  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return "MetadataStore[" + db.where() + "]";
  }
}
