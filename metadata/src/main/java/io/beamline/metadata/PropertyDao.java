package io.beamline.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The three property tables (artifact, execution, context): one row per property, with the value
 * in the column of its type. {@code value_type} is kept per row because custom properties have no
 * declared type.
 */
final class PropertyDao {
  static final PropertyDao ARTIFACT = new PropertyDao("artifact_property", "artifact_id");
  static final PropertyDao EXECUTION = new PropertyDao("execution_property", "execution_id");
  static final PropertyDao CONTEXT = new PropertyDao("context_property", "context_id");

  /** SQLite stores a NaN double as NULL; this marker in string_value tells NaN from missing. */
  private static final String NAN = "NaN";

  /** Properties of one owner, as loaded. */
  record Props(Map<String, Value> typed, Map<String, Value> custom) {
    static final Props EMPTY = new Props(Map.of(), Map.of());
  }

  /** A WHERE fragment on one value and its parameters. */
  record Condition(String sql, List<Object> params) {}

  private final String table;
  private final String owner;

  private PropertyDao(String table, String owner) {
    this.table = table;
    this.owner = owner;
  }

  /** Replaces all properties of {@code ownerId}. */
  void replace(Connection c, long ownerId, Map<String, Value> typed, Map<String, Value> custom)
      throws SQLException {
    Sql.update(c, "DELETE FROM " + table + " WHERE " + owner + " = ?", ownerId);
    insert(c, ownerId, typed, false);
    insert(c, ownerId, custom, true);
  }

  private void insert(Connection c, long ownerId, Map<String, Value> props, boolean custom)
      throws SQLException {
    String sql = "INSERT INTO " + table + " (" + owner + ", name, is_custom, value_type,"
        + " int_value, double_value, string_value) VALUES (?, ?, ?, ?, ?, ?, ?)";
    for (Map.Entry<String, Value> e : props.entrySet()) {
      Object[] columns = columns(e.getValue());
      Sql.update(c, sql, ownerId, e.getKey(), custom ? 1 : 0, e.getValue().type(), columns[0],
          columns[1], columns[2]);
    }
  }

  /** Loads properties of the owners whose ids {@code ownerIdQuery} selects. */
  Map<Long, Props> load(Connection c, String ownerIdQuery, List<?> params) throws SQLException {
    String sql = "SELECT " + owner + ", name, is_custom, value_type, int_value, double_value,"
        + " string_value FROM " + table + " WHERE " + owner + " IN (" + ownerIdQuery + ")";
    Map<Long, Map<String, Value>> typed = new HashMap<>();
    Map<Long, Map<String, Value>> custom = new HashMap<>();
    Sql.query(c, sql, params, rs -> {
      long id = rs.getLong(1);
      Map<Long, Map<String, Value>> target = rs.getInt(3) == 1 ? custom : typed;
      target.computeIfAbsent(id, k -> new TreeMap<>()).put(rs.getString(2), value(rs));
      return null;
    });
    Map<Long, Props> out = new HashMap<>();
    for (Long id : union(typed, custom)) {
      out.put(id, new Props(typed.getOrDefault(id, Map.of()), custom.getOrDefault(id, Map.of())));
    }
    return out;
  }

  /** A subquery selecting owners with property {@code name} (typed or custom) equal to value. */
  Condition ownersWith(String name, Value value) {
    List<Object> params = new ArrayList<>(List.of(name, value.type().name()));
    String match;
    if (value instanceof Value.IntValue v) {
      match = "int_value = ?";
      params.add(v.value());
    } else if (value instanceof Value.DoubleValue v && Double.isNaN(v.value())) {
      match = "double_value IS NULL AND string_value = ?";
      params.add(NAN);
    } else if (value instanceof Value.DoubleValue v) {
      match = "double_value = ?";
      params.add(v.value());
    } else {
      match = "string_value = ?";
      params.add(value instanceof Value.StringValue s ? s.value()
          : ((Value.StructValue) value).json());
    }
    return new Condition("SELECT " + owner + " FROM " + table
        + " WHERE name = ? AND value_type = ? AND " + match, params);
  }

  /** int, double and string column values for one value. */
  private static Object[] columns(Value v) {
    if (v instanceof Value.IntValue i) {
      return new Object[] {i.value(), null, null};
    } else if (v instanceof Value.DoubleValue d) {
      return Double.isNaN(d.value()) ? new Object[] {null, null, NAN}
          : new Object[] {null, d.value(), null};
    } else if (v instanceof Value.StringValue s) {
      return new Object[] {null, null, s.value()};
    }
    return new Object[] {null, null, ((Value.StructValue) v).json()};
  }

  private static Value value(ResultSet rs) throws SQLException {
    PropertyType type = PropertyType.valueOf(rs.getString(4));
    return switch (type) {
      case INT -> new Value.IntValue(rs.getLong(5));
      case DOUBLE -> {
        double d = rs.getDouble(6);
        yield new Value.DoubleValue(rs.wasNull() ? Double.NaN : d);
      }
      case STRING -> new Value.StringValue(rs.getString(7));
      case STRUCT -> new Value.StructValue(rs.getString(7));
    };
  }

  private static List<Long> union(Map<Long, ?> a, Map<Long, ?> b) {
    List<Long> ids = new ArrayList<>(a.keySet());
    for (Long id : b.keySet()) {
      if (!a.containsKey(id)) {
        ids.add(id);
      }
    }
    return ids;
  }
}
