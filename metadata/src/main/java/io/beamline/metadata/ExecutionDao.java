package io.beamline.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Execution rows and their properties. WHERE fragments given to {@link #load} use alias {@code e}. */
final class ExecutionDao {
  private static final String SELECT = "SELECT e.id, t.name AS type_name, e.name, e.state,"
      + " e.start_time, e.end_time, e.error_message, e.create_time, e.update_time"
      + " FROM execution e JOIN type t ON t.id = e.type_id WHERE ";

  private ExecutionDao() {}

  /** Inserts (id 0) or updates the execution and replaces its properties. */
  static Execution put(Connection c, Execution e, Instant now) throws SQLException {
    TypeDao.StoredType type = TypeDao.require(c, TypeDao.Kind.EXECUTION, e.type());
    TypeDao.validate(type, e.properties(), e.id() == 0 ? "Execution " + Checks.quote(e.name())
        : "Execution " + e.id());
    long id;
    Instant created;
    if (e.id() == 0) {
      id = Sql.insert(c, "INSERT INTO execution (type_id, name, state, start_time, end_time,"
          + " error_message, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          type.id(), e.name(), e.state(), Sql.millis(e.startTime()), Sql.millis(e.endTime()),
          e.errorMessage(), now, now);
      created = now;
    } else {
      Execution old = get(c, e.id());
      if (!old.type().equals(e.type())) {
        throw new MetadataStoreException("Execution " + e.id() + " has type '" + old.type()
            + "'; cannot change it to '" + e.type() + "'");
      }
      id = e.id();
      created = old.createTime();
      Sql.update(c, "UPDATE execution SET name = ?, state = ?, start_time = ?, end_time = ?,"
          + " error_message = ?, update_time = ? WHERE id = ?", e.name(), e.state(),
          Sql.millis(e.startTime()), Sql.millis(e.endTime()), e.errorMessage(), now, id);
    }
    PropertyDao.EXECUTION.replace(c, id, e.properties(), e.customProperties());
    return e.stored(id, created, now);
  }

  static Execution get(Connection c, long id) throws SQLException {
    List<Execution> found = load(c, "e.id = ?", List.of(id));
    if (found.isEmpty()) {
      throw new MetadataStoreException("Execution " + id + " does not exist");
    }
    return found.get(0);
  }

  static List<Execution> byIds(Connection c, Collection<Long> ids) throws SQLException {
    List<Execution> out = new ArrayList<>();
    for (List<Long> chunk : Sql.chunks(ids)) {
      out.addAll(load(c, "e.id IN (" + Sql.placeholders(chunk.size()) + ")", chunk));
    }
    out.sort((x, y) -> Long.compare(x.id(), y.id()));
    return out;
  }

  /** Executions matching {@code where} (on alias {@code e}), in id order, with properties. */
  static List<Execution> load(Connection c, String where, List<?> params) throws SQLException {
    Map<Long, PropertyDao.Props> props =
        PropertyDao.EXECUTION.load(c, "SELECT e.id FROM execution e WHERE " + where, params);
    return Sql.query(c, SELECT + where + " ORDER BY e.id", params, rs -> {
      long id = rs.getLong("id");
      PropertyDao.Props p = props.getOrDefault(id, PropertyDao.Props.EMPTY);
      return new Execution(id, rs.getString("type_name"), rs.getString("name"),
          ExecutionState.valueOf(rs.getString("state")), p.typed(), p.custom(),
          Sql.instant(rs, "start_time"), Sql.instant(rs, "end_time"),
          rs.getString("error_message"), Sql.instant(rs, "create_time"),
          Sql.instant(rs, "update_time"));
    });
  }
}
