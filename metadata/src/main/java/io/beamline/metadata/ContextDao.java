package io.beamline.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Contexts, their properties and parent links. WHERE fragments use alias {@code x}. */
final class ContextDao {
  private static final String SELECT = "SELECT x.id, t.name AS type_name, x.name, x.create_time,"
      + " x.update_time FROM context x JOIN type t ON t.id = x.type_id WHERE ";

  private ContextDao() {}

  /**
   * Inserts (id 0) or updates a context. Inserting a type and name that already exist is an
   * error unless {@code reuse}, in which case the stored context is returned unchanged.
   */
  static Context put(Connection c, Context x, Instant now, boolean reuse) throws SQLException {
    TypeDao.StoredType type = TypeDao.require(c, TypeDao.Kind.CONTEXT, x.type());
    TypeDao.validate(type, x.properties(), "Context " + x.type() + "/'" + x.name() + "'");
    long id;
    Instant created;
    if (x.id() == 0) {
      Optional<Context> existing = find(c, x.type(), x.name());
      if (existing.isPresent()) {
        if (reuse) {
          return existing.get();
        }
        throw new MetadataStoreException("Context " + x.type() + "/'" + x.name()
            + "' already exists with id " + existing.get().id());
      }
      id = Sql.insert(c, "INSERT INTO context (type_id, name, create_time, update_time)"
          + " VALUES (?, ?, ?, ?)", type.id(), x.name(), now, now);
      created = now;
    } else {
      Context old = get(c, x.id());
      if (!old.type().equals(x.type())) {
        throw new MetadataStoreException("Context " + x.id() + " has type '" + old.type()
            + "'; cannot change it to '" + x.type() + "'");
      }
      id = x.id();
      created = old.createTime();
      Sql.update(c, "UPDATE context SET name = ?, update_time = ? WHERE id = ?", x.name(), now,
          id);
    }
    PropertyDao.CONTEXT.replace(c, id, x.properties(), x.customProperties());
    return x.stored(id, created, now);
  }

  static Optional<Context> find(Connection c, String type, String name) throws SQLException {
    return load(c, "x.type_id = (SELECT id FROM type WHERE kind = 'CONTEXT' AND name = ?)"
        + " AND x.name = ?", List.of(type, name)).stream().findFirst();
  }

  static Context get(Connection c, long id) throws SQLException {
    List<Context> found = load(c, "x.id = ?", List.of(id));
    if (found.isEmpty()) {
      throw new MetadataStoreException("Context " + id + " does not exist");
    }
    return found.get(0);
  }

  /** Links child to parent; idempotent; rejects a link that would make a cycle. */
  static void putParent(Connection c, long childId, long parentId) throws SQLException {
    get(c, childId);
    get(c, parentId);
    if (childId == parentId || ancestors(c, parentId).contains(childId)) {
      throw new MetadataStoreException("Context " + parentId + " cannot be a parent of context "
          + childId + ": that would make a cycle");
    }
    Sql.update(c, "INSERT INTO parent_context (context_id, parent_context_id) SELECT ?, ?"
        + " WHERE NOT EXISTS (SELECT 1 FROM parent_context WHERE context_id = ?"
        + " AND parent_context_id = ?)", childId, parentId, childId, parentId);
  }

  private static Set<Long> ancestors(Connection c, long id) throws SQLException {
    Set<Long> seen = new HashSet<>();
    Deque<Long> todo = new ArrayDeque<>(List.of(id));
    while (!todo.isEmpty()) {
      for (Long parent : Sql.query(c, "SELECT parent_context_id FROM parent_context"
          + " WHERE context_id = ?", List.of(todo.pop()), rs -> rs.getLong(1))) {
        if (seen.add(parent)) {
          todo.push(parent);
        }
      }
    }
    return seen;
  }

  /** Contexts matching {@code where} (on alias {@code x}), in id order, with properties. */
  static List<Context> load(Connection c, String where, List<?> params) throws SQLException {
    Map<Long, PropertyDao.Props> props =
        PropertyDao.CONTEXT.load(c, "SELECT x.id FROM context x WHERE " + where, params);
    return Sql.query(c, SELECT + where + " ORDER BY x.id", params, rs -> {
      long id = rs.getLong("id");
      PropertyDao.Props p = props.getOrDefault(id, PropertyDao.Props.EMPTY);
      return new Context(id, rs.getString("type_name"), rs.getString("name"), p.typed(),
          p.custom(), Sql.instant(rs, "create_time"), Sql.instant(rs, "update_time"));
    });
  }
}
