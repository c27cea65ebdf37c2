package io.beamline.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Artifact rows and their properties. WHERE fragments given to {@link #load} use alias {@code a}. */
final class ArtifactDao {
  private static final String SELECT = "SELECT a.id, t.name AS type_name, a.uri, a.name, a.state,"
      + " a.create_time, a.update_time FROM artifact a JOIN type t ON t.id = a.type_id WHERE ";

  private ArtifactDao() {}

  /** Inserts (id 0) or updates the artifact and replaces its properties. */
  static Artifact put(Connection c, Artifact a, Instant now) throws SQLException {
    TypeDao.StoredType type = TypeDao.require(c, TypeDao.Kind.ARTIFACT, a.type());
    TypeDao.validate(type, a.properties(), a.id() == 0 ? "Artifact " + Checks.quote(a.uri())
        : "Artifact " + a.id());
    long id;
    Instant created;
    if (a.id() == 0) {
      id = Sql.insert(c, "INSERT INTO artifact (type_id, uri, name, state, create_time,"
          + " update_time) VALUES (?, ?, ?, ?, ?, ?)", type.id(), a.uri(), a.name(), a.state(),
          now, now);
      created = now;
    } else {
      Artifact old = get(c, a.id());
      if (!old.type().equals(a.type())) {
        throw new MetadataStoreException("Artifact " + a.id() + " has type '" + old.type()
            + "'; cannot change it to '" + a.type() + "'");
      }
      id = a.id();
      created = old.createTime();
      Sql.update(c, "UPDATE artifact SET uri = ?, name = ?, state = ?, update_time = ?"
          + " WHERE id = ?", a.uri(), a.name(), a.state(), now, id);
    }
    PropertyDao.ARTIFACT.replace(c, id, a.properties(), a.customProperties());
    return a.stored(id, created, now);
  }

  static Artifact get(Connection c, long id) throws SQLException {
    List<Artifact> found = load(c, "a.id = ?", List.of(id));
    if (found.isEmpty()) {
      throw new MetadataStoreException("Artifact " + id + " does not exist");
    }
    return found.get(0);
  }

  static List<Artifact> byIds(Connection c, Collection<Long> ids) throws SQLException {
    List<Artifact> out = new ArrayList<>();
    for (List<Long> chunk : Sql.chunks(ids)) {
      out.addAll(load(c, "a.id IN (" + Sql.placeholders(chunk.size()) + ")", chunk));
    }
    out.sort((x, y) -> Long.compare(x.id(), y.id()));
    return out;
  }

  /** Artifacts matching {@code where} (on alias {@code a}), in id order, with properties. */
  static List<Artifact> load(Connection c, String where, List<?> params) throws SQLException {
    Map<Long, PropertyDao.Props> props =
        PropertyDao.ARTIFACT.load(c, "SELECT a.id FROM artifact a WHERE " + where, params);
    return Sql.query(c, SELECT + where + " ORDER BY a.id", params, rs -> {
      long id = rs.getLong("id");
      PropertyDao.Props p = props.getOrDefault(id, PropertyDao.Props.EMPTY);
      return new Artifact(id, rs.getString("type_name"), rs.getString("uri"), rs.getString("name"),
          ArtifactState.valueOf(rs.getString("state")), p.typed(), p.custom(),
          Sql.instant(rs, "create_time"), Sql.instant(rs, "update_time"));
    });
  }
}
