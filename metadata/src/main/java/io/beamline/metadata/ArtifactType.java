package io.beamline.metadata;

import java.util.Map;

/**
 * A registered artifact type: its name and the typed properties its artifacts may carry.
 *
 * @param id store id, 0 if not stored
 * @param name unique among artifact types
 * @param properties declared property names and types (sorted, unmodifiable)
 */
public record ArtifactType(long id, String name, Map<String, PropertyType> properties) {
  public ArtifactType {
    Checks.requireId(id, "Artifact type id");
    Checks.requireName(name, "Artifact type name");
    properties = Checks.sortedCopy(properties, "Artifact type '" + name + "' property");
  }
}
