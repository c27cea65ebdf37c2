package io.beamline.metadata;

import java.util.Map;

/**
 * A registered context type: its name and the typed properties its contexts may carry.
 *
 * @param id store id, 0 if not stored
 * @param name unique among context types
 * @param properties declared property names and types (sorted, unmodifiable)
 */
public record ContextType(long id, String name, Map<String, PropertyType> properties) {
  public ContextType {
    Checks.requireId(id, "Context type id");
    Checks.requireName(name, "Context type name");
    properties = Checks.sortedCopy(properties, "Context type '" + name + "' property");
  }
}
