package io.beamline.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Events, attributions and associations: the links between the entities. */
final class EventDao {
  private EventDao() {}

  static Event put(Connection c, Event e, Instant now) throws SQLException {
    requireExists(c, "artifact", "Artifact", e.artifactId());
    requireExists(c, "execution", "Execution", e.executionId());
    Instant time = e.time() == null ? now : e.time();
    Sql.insert(c, "INSERT INTO event (artifact_id, execution_id, event_type, event_key,"
        + " event_index, event_time) VALUES (?, ?, ?, ?, ?, ?)", e.artifactId(), e.executionId(),
        e.type(), e.key(), e.index(), time);
    return new Event(e.artifactId(), e.executionId(), e.type(), e.key(), e.index(), time);
  }

  /** Events whose {@code column} (artifact_id or execution_id) is in ids, in insertion order. */
  static List<Event> byIds(Connection c, String column, Collection<Long> ids, EventType only)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (List<Long> chunk : Sql.chunks(ids)) {
      List<Object> params = new ArrayList<>(chunk);
      String sql = "SELECT id, artifact_id, execution_id, event_type, event_key, event_index,"
          + " event_time FROM event WHERE " + column + " IN (" + Sql.placeholders(chunk.size())
          + ")";
      if (only != null) {
        sql += " AND event_type = ?";
        params.add(only.name());
      }
      rows.addAll(Sql.query(c, sql, params, rs -> new Object[] {rs.getLong(1), event(rs)}));
    }
    rows.sort((x, y) -> Long.compare((Long) x[0], (Long) y[0]));
    return rows.stream().map(r -> (Event) r[1]).toList();
  }

  private static Event event(ResultSet rs) throws SQLException {
    return new Event(rs.getLong(2), rs.getLong(3), EventType.valueOf(rs.getString(4)),
        rs.getString(5), rs.getInt(6), Sql.instant(rs, "event_time"));
  }

  /** Idempotent: linking an artifact to a context twice keeps one row. */
  static void putAttribution(Connection c, Attribution a) throws SQLException {
    requireExists(c, "context", "Context", a.contextId());
    requireExists(c, "artifact", "Artifact", a.artifactId());
    Sql.update(c, "INSERT INTO attribution (context_id, artifact_id) SELECT ?, ? WHERE NOT EXISTS"
        + " (SELECT 1 FROM attribution WHERE context_id = ? AND artifact_id = ?)",
        a.contextId(), a.artifactId(), a.contextId(), a.artifactId());
  }

  /** Idempotent: linking an execution to a context twice keeps one row. */
  static void putAssociation(Connection c, Association a) throws SQLException {
    requireExists(c, "context", "Context", a.contextId());
    requireExists(c, "execution", "Execution", a.executionId());
    Sql.update(c, "INSERT INTO association (context_id, execution_id) SELECT ?, ? WHERE NOT EXISTS"
        + " (SELECT 1 FROM association WHERE context_id = ? AND execution_id = ?)",
        a.contextId(), a.executionId(), a.contextId(), a.executionId());
  }

  /** A clear message instead of a foreign key error naming no id. */
  static void requireExists(Connection c, String table, String label, long id)
      throws SQLException {
    if (Sql.query(c, "SELECT 1 FROM " + table + " WHERE id = ?", List.of(id), rs -> 1)
        .isEmpty()) {
      throw new MetadataStoreException(label + " " + id + " does not exist");
    }
  }
}
