package io.beamline.metadata;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a component.
 *
 * <pre>{@code
 * Execution run = store.putExecution(Execution.create("StatisticsGen", "stats")
 *     .withState(ExecutionState.RUNNING).withStartTime(Instant.now()));
 * }</pre>
 *
 * @param id store id; 0 means not stored yet
 * @param type execution type name, the component type (e.g. {@code ExampleGen})
 * @param name the pipeline node id (not unique: one per run)
 * @param state lifecycle state; {@link #create} starts at {@code NEW}
 * @param properties typed properties, checked against the type when stored
 * @param customProperties free-form properties
 * @param startTime when it started running, or null
 * @param endTime when it finished, or null
 * @param errorMessage why it failed, or null
 * @param createTime set by the store on insert
 * @param updateTime set by the store on every put
 */
public record Execution(
    long id,
    String type,
    String name,
    ExecutionState state,
    Map<String, Value> properties,
    Map<String, Value> customProperties,
    Instant startTime,
    Instant endTime,
    String errorMessage,
    Instant createTime,
    Instant updateTime) {

  public Execution {
    Checks.requireId(id, "Execution id");
    Checks.requireName(type, "Execution type");
    Checks.requireNonNull(state, "Execution state");
    properties = Checks.sortedCopy(properties, "Execution property");
    customProperties = Checks.sortedCopy(customProperties, "Execution custom property");
    startTime = Checks.millis(startTime);
    endTime = Checks.millis(endTime);
    createTime = Checks.millis(createTime);
    updateTime = Checks.millis(updateTime);
  }

  /** A new, unstored {@code NEW} execution with no properties. */
  public static Execution create(String type, String name) {
    return new Execution(0, type, name, ExecutionState.NEW, Map.of(), Map.of(), null, null, null,
        null, null);
  }

  public Execution withState(ExecutionState newState) {
    return new Execution(id, type, name, newState, properties, customProperties, startTime, endTime,
        errorMessage, createTime, updateTime);
  }

  public Execution withName(String newName) {
    return new Execution(id, type, newName, state, properties, customProperties, startTime, endTime,
        errorMessage, createTime, updateTime);
  }

  public Execution withStartTime(Instant time) {
    return new Execution(id, type, name, state, properties, customProperties, time, endTime,
        errorMessage, createTime, updateTime);
  }

  public Execution withEndTime(Instant time) {
    return new Execution(id, type, name, state, properties, customProperties, startTime, time,
        errorMessage, createTime, updateTime);
  }

  public Execution withErrorMessage(String message) {
    return new Execution(id, type, name, state, properties, customProperties, startTime, endTime,
        message, createTime, updateTime);
  }

  /** Adds or replaces a typed property. */
  public Execution withProperty(String key, Value value) {
    return new Execution(id, type, name, state, Artifact.with(properties, key, value),
        customProperties, startTime, endTime, errorMessage, createTime, updateTime);
  }

  /** Adds or replaces a custom property. */
  public Execution withCustomProperty(String key, Value value) {
    return new Execution(id, type, name, state, properties,
        Artifact.with(customProperties, key, value), startTime, endTime, errorMessage, createTime,
        updateTime);
  }

  Execution stored(long newId, Instant created, Instant updated) {
    return new Execution(newId, type, name, state, properties, customProperties, startTime, endTime,
        errorMessage, created, updated);
  }
}
