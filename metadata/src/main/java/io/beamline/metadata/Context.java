package io.beamline.metadata;

import java.time.Instant;
import java.util.Map;

/**
 * A named group of artifacts and executions: a pipeline, a pipeline run, a node (see {@link
 * ContextTypes}). The name is unique within its type.
 *
 * @param id store id; 0 means not stored yet
 * @param type context type name
 * @param name unique within the type
 * @param properties typed properties, checked against the type when stored
 * @param customProperties free-form properties
 * @param createTime set by the store on insert
 * @param updateTime set by the store on every put
 */
public record Context(
    long id,
    String type,
    String name,
    Map<String, Value> properties,
    Map<String, Value> customProperties,
    Instant createTime,
    Instant updateTime) {

  public Context {
    Checks.requireId(id, "Context id");
    Checks.requireName(type, "Context type");
    Checks.requireName(name, "Context name");
    properties = Checks.sortedCopy(properties, "Context property");
    customProperties = Checks.sortedCopy(customProperties, "Context custom property");
    createTime = Checks.millis(createTime);
    updateTime = Checks.millis(updateTime);
  }

  /** A new, unstored context with no properties. */
  public static Context create(String type, String name) {
    return new Context(0, type, name, Map.of(), Map.of(), null, null);
  }

  /** Adds or replaces a typed property. */
  public Context withProperty(String key, Value value) {
    return new Context(id, type, name, Artifact.with(properties, key, value), customProperties,
        createTime, updateTime);
  }

  /** Adds or replaces a custom property. */
  public Context withCustomProperty(String key, Value value) {
    return new Context(id, type, name, properties, Artifact.with(customProperties, key, value),
        createTime, updateTime);
  }

  Context stored(long newId, Instant created, Instant updated) {
    return new Context(newId, type, name, properties, customProperties, created, updated);
  }
}
