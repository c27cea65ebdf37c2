package io.beamline.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Forward-only schema migrations. {@code schema_version} holds one row per applied migration;
 * opening a store applies the missing ones in order inside one write transaction, which also
 * makes two processes opening a fresh file at once take turns rather than both create tables.
 */
final class Migrations {
  /** One numbered step; {@code {ID}} in a statement stands for the dialect's id column. */
  record Migration(int version, String description, List<String> statements) {}

  private Migrations() {}

  static List<Migration> all() {
    return List.of(new Migration(1, "initial schema", v1()),
        new Migration(2, "indexes for large shared stores", v2()));
  }

  static int latest(List<Migration> migrations) {
    return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
  }

  /**
   * Brings the schema up to date; call inside a write transaction.
   *
   * @return the number of migrations applied
   */
  static int apply(Connection c, Dialect dialect, List<Migration> migrations, String where)
      throws SQLException {
    if (!dialect.tableExists(c, "schema_version")) {
      Sql.update(c, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
          + "description VARCHAR(255) NOT NULL, applied_at BIGINT NOT NULL)");
    }
    int current = current(c);
    int latest = latest(migrations);
    if (current > latest) {
      throw newer(where, current, latest);
    }
    int applied = 0;
    for (Migration m : migrations) {
      if (m.version() <= current) {
        continue;
      }
      // DDL is transactional in SQLite and PostgreSQL alike: a statement failing here rolls back
      // the statements before it, and every migration before it in this open.
      try (Statement s = c.createStatement()) {
        List<String> statements = m.statements();
        for (int i = 0; i < statements.size(); i++) {
          try {
            s.execute(statements.get(i).replace("{ID}", dialect.idColumn()));
          } catch (SQLException e) {
            throw new MetadataStoreException("Metadata store " + where + ": migration "
                + m.version() + " (" + m.description() + ") failed at statement " + (i + 1)
                + " of " + statements.size() + ", so none of it was applied and the store stays"
                + " at schema version " + current + ": " + e.getMessage(), e);
          }
        }
      }
      Sql.update(c, "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
          m.version(), m.description(), Instant.now().toEpochMilli());
      applied++;
    }
    return applied;
  }

  /**
   * Checks, changing nothing, that the store has exactly this code's schema; for read-only opens,
   * which must neither create nor migrate tables: a listing command pointed at some other SQLite
   * file has to leave it as it was, and one pointed at an older store cannot upgrade it.
   */
  static void check(Connection c, Dialect dialect, List<Migration> migrations, String where)
      throws SQLException {
    if (!dialect.tableExists(c, "schema_version")) {
      throw new MetadataStoreException(where
          + " is not a Beamline metadata store (no schema_version table)");
    }
    int current = current(c);
    int latest = latest(migrations);
    if (current > latest) {
      throw newer(where, current, latest);
    }
    if (current < latest) {
      throw new MetadataStoreException("Metadata store " + where + " has schema version " + current
          + ", older than version " + latest + " of this Beamline; opening it for writing once"
          + " upgrades it");
    }
  }

  private static MetadataStoreException newer(String where, int current, int latest) {
    return new MetadataStoreException("Metadata store " + where + " has schema version " + current
        + ", newer than version " + latest + " supported by this Beamline; open it with a newer "
        + "Beamline");
  }

  static int current(Connection c) throws SQLException {
    return Sql.query(c, "SELECT MAX(version) FROM schema_version", List.of(), rs -> rs.getInt(1))
        .get(0);
  }

  private static List<String> v1() {
    return List.of(
        "CREATE TABLE type (id {ID}, kind VARCHAR(16) NOT NULL, name VARCHAR(255) NOT NULL,"
            + " UNIQUE (kind, name))",
        "CREATE TABLE type_property (type_id BIGINT NOT NULL REFERENCES type (id),"
            + " name VARCHAR(255) NOT NULL, data_type VARCHAR(16) NOT NULL,"
            + " PRIMARY KEY (type_id, name))",
        "CREATE TABLE artifact (id {ID}, type_id BIGINT NOT NULL REFERENCES type (id), uri TEXT,"
            + " name VARCHAR(255), state VARCHAR(16) NOT NULL, create_time BIGINT NOT NULL,"
            + " update_time BIGINT NOT NULL)",
        "CREATE INDEX artifact_type_idx ON artifact (type_id)",
        "CREATE INDEX artifact_uri_idx ON artifact (uri)",
        propertyTable("artifact_property", "artifact_id", "artifact"),
        "CREATE INDEX artifact_property_name_idx ON artifact_property (name)",
        "CREATE TABLE execution (id {ID}, type_id BIGINT NOT NULL REFERENCES type (id),"
            + " name VARCHAR(255), state VARCHAR(16) NOT NULL, start_time BIGINT, end_time BIGINT,"
            + " error_message TEXT, create_time BIGINT NOT NULL, update_time BIGINT NOT NULL)",
        "CREATE INDEX execution_type_idx ON execution (type_id)",
        propertyTable("execution_property", "execution_id", "execution"),
        "CREATE INDEX execution_property_name_idx ON execution_property (name)",
        "CREATE TABLE context (id {ID}, type_id BIGINT NOT NULL REFERENCES type (id),"
            + " name VARCHAR(255) NOT NULL, create_time BIGINT NOT NULL,"
            + " update_time BIGINT NOT NULL, UNIQUE (type_id, name))",
        propertyTable("context_property", "context_id", "context"),
        "CREATE TABLE parent_context (context_id BIGINT NOT NULL REFERENCES context (id),"
            + " parent_context_id BIGINT NOT NULL REFERENCES context (id),"
            + " PRIMARY KEY (context_id, parent_context_id))",
        "CREATE INDEX parent_context_parent_idx ON parent_context (parent_context_id)",
        "CREATE TABLE event (id {ID}, artifact_id BIGINT NOT NULL REFERENCES artifact (id),"
            + " execution_id BIGINT NOT NULL REFERENCES execution (id),"
            + " event_type VARCHAR(16) NOT NULL, event_key VARCHAR(255),"
            + " event_index INTEGER NOT NULL, event_time BIGINT NOT NULL)",
        "CREATE INDEX event_artifact_idx ON event (artifact_id)",
        "CREATE INDEX event_execution_idx ON event (execution_id)",
        "CREATE TABLE attribution (context_id BIGINT NOT NULL REFERENCES context (id),"
            + " artifact_id BIGINT NOT NULL REFERENCES artifact (id),"
            + " PRIMARY KEY (context_id, artifact_id))",
        "CREATE INDEX attribution_artifact_idx ON attribution (artifact_id)",
        "CREATE TABLE association (context_id BIGINT NOT NULL REFERENCES context (id),"
            + " execution_id BIGINT NOT NULL REFERENCES execution (id),"
            + " PRIMARY KEY (context_id, execution_id))",
        "CREATE INDEX association_execution_idx ON association (execution_id)");
  }

  /**
   * What 100,000 artifacts and 30,000 executions showed: the newest artifacts or runs of a type
   * (type then id, so no sort of the whole type), lineage hops (events by artifact or execution
   * and type), the RUNNING runs (context properties by name), artifacts by state (garbage
   * collection's leftovers).
   */
  private static List<String> v2() {
    return List.of(
        "CREATE INDEX artifact_type_id_idx ON artifact (type_id, id)",
        "DROP INDEX artifact_type_idx",
        "CREATE INDEX artifact_state_idx ON artifact (state)",
        "CREATE INDEX context_type_id_idx ON context (type_id, id)",
        "CREATE INDEX context_property_name_idx ON context_property (name)",
        "CREATE INDEX event_artifact_type_idx ON event (artifact_id, event_type)",
        "DROP INDEX event_artifact_idx",
        "CREATE INDEX event_execution_type_idx ON event (execution_id, event_type)",
        "DROP INDEX event_execution_idx");
  }

  /** A typed and a custom property may share a name, hence is_custom in the key. */
  private static String propertyTable(String table, String owner, String ownerTable) {
    return "CREATE TABLE " + table + " (" + owner + " BIGINT NOT NULL REFERENCES " + ownerTable
        + " (id), name VARCHAR(255) NOT NULL, is_custom SMALLINT NOT NULL,"
        + " value_type VARCHAR(16) NOT NULL, int_value BIGINT, double_value DOUBLE PRECISION,"
        + " string_value TEXT, PRIMARY KEY (" + owner + ", name, is_custom))";
  }
}
