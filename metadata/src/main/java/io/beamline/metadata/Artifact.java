package io.beamline.metadata;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An artifact: a payload at {@code uri} with typed and custom properties.
 *
 * <pre>{@code
 * Artifact examples = Artifact.create("Examples", root.outputUri("taxi", "ExampleGen", "examples", 7))
 *     .withProperty("span", Value.of(0))
 *     .withCustomProperty("rows", Value.of(1000));
 * examples = store.putArtifact(examples); // now has an id and times
 * }</pre>
 *
 * @param id store id; 0 means not stored yet
 * @param type artifact type name; must be registered before the artifact is stored
 * @param uri payload location (may be null)
 * @param name optional name (not unique)
 * @param state lifecycle state; {@link #create} starts at {@code PENDING}
 * @param properties typed properties, checked against the type when stored
 * @param customProperties free-form properties
 * @param createTime set by the store on insert
 * @param updateTime set by the store on every put
 */
public record Artifact(
    long id,
    String type,
    String uri,
    String name,
    ArtifactState state,
    Map<String, Value> properties,
    Map<String, Value> customProperties,
    Instant createTime,
    Instant updateTime) {

  public Artifact {
    Checks.requireId(id, "Artifact id");
    Checks.requireName(type, "Artifact type");
    Checks.requireNonNull(state, "Artifact state");
    properties = Checks.sortedCopy(properties, "Artifact property");
    customProperties = Checks.sortedCopy(customProperties, "Artifact custom property");
    createTime = Checks.millis(createTime);
    updateTime = Checks.millis(updateTime);
  }

  /** A new, unstored {@code PENDING} artifact with no properties. */
  public static Artifact create(String type, String uri) {
    return new Artifact(0, type, uri, null, ArtifactState.PENDING, Map.of(), Map.of(), null, null);
  }

  public Artifact withState(ArtifactState newState) {
    return new Artifact(id, type, uri, name, newState, properties, customProperties, createTime,
        updateTime);
  }

  public Artifact withName(String newName) {
    return new Artifact(id, type, uri, newName, state, properties, customProperties, createTime,
        updateTime);
  }

  public Artifact withUri(String newUri) {
    return new Artifact(id, type, newUri, name, state, properties, customProperties, createTime,
        updateTime);
  }

  /** Adds or replaces a typed property. */
  public Artifact withProperty(String key, Value value) {
    return new Artifact(id, type, uri, name, state, with(properties, key, value), customProperties,
        createTime, updateTime);
  }

  /** Adds or replaces a custom property. */
  public Artifact withCustomProperty(String key, Value value) {
    return new Artifact(id, type, uri, name, state, properties, with(customProperties, key, value),
        createTime, updateTime);
  }

  Artifact stored(long newId, Instant created, Instant updated) {
    return new Artifact(newId, type, uri, name, state, properties, customProperties, created,
        updated);
  }

  static Map<String, Value> with(Map<String, Value> map, String key, Value value) {
    Map<String, Value> copy = new HashMap<>(map);
    copy.put(Checks.requireName(key, "Property name"), Checks.requireNonNull(value, key));
    return copy;
  }
}
