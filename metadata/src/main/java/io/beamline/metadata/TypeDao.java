package io.beamline.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Artifact, execution and context types: one table, told apart by {@code kind}. */
final class TypeDao {
  enum Kind {
    ARTIFACT("Artifact"),
    EXECUTION("Execution"),
    CONTEXT("Context");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** A type as stored, before it becomes one of the public type records. */
  record StoredType(long id, Kind kind, String name, Map<String, PropertyType> properties) {}

  private TypeDao() {}

  /**
   * Registers a type, or returns the existing one with any new properties added. Properties
   * already declared but missing from {@code properties} are kept.
   */
  static StoredType put(Connection c, Kind kind, String name, Map<String, PropertyType> properties)
      throws SQLException {
    Checks.requireName(name, kind.label + " type name");
    Map<String, PropertyType> wanted = Checks.sortedCopy(properties, kind.label + " type '" + name
        + "' property");
    Optional<StoredType> existing = find(c, kind, name);
    long id;
    Map<String, PropertyType> current;
    if (existing.isPresent()) {
      id = existing.get().id();
      current = existing.get().properties();
    } else {
      id = Sql.insert(c, "INSERT INTO type (kind, name) VALUES (?, ?)", kind, name);
      current = Map.of();
    }
    for (Map.Entry<String, PropertyType> e : wanted.entrySet()) {
      PropertyType had = current.get(e.getKey());
      if (had == null) {
        Sql.update(c, "INSERT INTO type_property (type_id, name, data_type) VALUES (?, ?, ?)",
            id, e.getKey(), e.getValue());
      } else if (had != e.getValue()) {
        throw new MetadataStoreException(kind.label + " type '" + name + "' property '"
            + e.getKey() + "' is " + had + "; cannot change it to " + e.getValue());
      }
    }
    return find(c, kind, name).orElseThrow();
  }

  static Optional<StoredType> find(Connection c, Kind kind, String name) throws SQLException {
    List<Long> ids = Sql.query(c, "SELECT id FROM type WHERE kind = ? AND name = ?",
        List.of(kind.name(), name), rs -> rs.getLong(1));
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    long id = ids.get(0);
    Map<String, PropertyType> props = new TreeMap<>();
    for (Object[] row : Sql.query(c,
        "SELECT name, data_type FROM type_property WHERE type_id = ? ORDER BY name", List.of(id),
        rs -> new Object[] {rs.getString(1), rs.getString(2)})) {
      props.put((String) row[0], PropertyType.valueOf((String) row[1]));
    }
    return Optional.of(new StoredType(id, kind, name, props));
  }

  static List<String> names(Connection c, Kind kind) throws SQLException {
    return Sql.query(c, "SELECT name FROM type WHERE kind = ? ORDER BY id", List.of(kind.name()),
        rs -> rs.getString(1));
  }

  /** The type an entity is stored under, or a clear error if it was never registered. */
  static StoredType require(Connection c, Kind kind, String name) throws SQLException {
    return find(c, kind, name).orElseThrow(() -> new MetadataStoreException(kind.label + " type '"
        + name + "' is not registered; call put" + kind.label + "Type first"));
  }

  /** Typed properties must be declared on the type, with the same value type. */
  static void validate(StoredType type, Map<String, Value> properties, String entity) {
    for (Map.Entry<String, Value> e : properties.entrySet()) {
      PropertyType declared = type.properties().get(e.getKey());
      if (declared == null) {
        throw new MetadataStoreException(entity + ": property '" + e.getKey() + "' is not declared"
            + " on " + type.kind().label.toLowerCase() + " type '" + type.name() + "' (declared: "
            + type.properties().keySet() + "); declare it or use a custom property");
      }
      if (declared != e.getValue().type()) {
        throw new MetadataStoreException(entity + ": property '" + e.getKey() + "' of "
            + type.kind().label.toLowerCase() + " type '" + type.name() + "' must be " + declared
            + ", got " + e.getValue().type() + " " + e.getValue().toJava());
      }
    }
  }
}
