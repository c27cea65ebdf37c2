package io.beamline.metadata;

import java.util.Map;

/**
 * A registered execution type: its name and the typed properties its executions may carry.
 *
 * @param id store id, 0 if not stored
 * @param name unique among execution types
 * @param properties declared property names and types (sorted, unmodifiable)
 */
public record ExecutionType(long id, String name, Map<String, PropertyType> properties) {
  public ExecutionType {
    Checks.requireId(id, "Execution type id");
    Checks.requireName(name, "Execution type name");
    properties = Checks.sortedCopy(properties, "Execution type '" + name + "' property");
  }
}
