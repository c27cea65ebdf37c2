package io.beamline.core.component;

import io.beamline.core.InvalidParameterException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a component reads, writes and accepts: named typed inputs and outputs and a parameters
 * record with its defaults.
 *
 * <pre>{@code
 * ComponentSpec<StatsParameters> spec = ComponentSpec.named("StatisticsGen", StatsParameters.defaults())
 *     .withInput(ChannelSpec.required("examples", ArtifactType.EXAMPLES))
 *     .withOutput("statistics", ArtifactType.EXAMPLE_STATISTICS);
 * }</pre>
 *
 * @param name the component type name, e.g. {@code ExampleGen}; also the default node id
 * @param inputs inputs by key, in declaration order
 * @param outputs outputs by key, in declaration order
 * @param defaults the parameters used when a caller gives none; its class is the parameters type
 */
public record ComponentSpec<P extends Record>(
    String name, Map<String, ChannelSpec> inputs, Map<String, ChannelSpec> outputs, P defaults) {

  public ComponentSpec {
    checkName("component name", name);
    Objects.requireNonNull(defaults, "defaults");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    for (String key : outputs.keySet()) {
      if (inputs.containsKey(key)) {
        throw new IllegalArgumentException(
            "Component " + name + " uses '" + key + "' as both an input and an output key");
      }
      if (outputs.get(key).optional()) {
        throw new IllegalArgumentException(
            "Component " + name + ": output '" + key + "' cannot be optional");
      }
    }
  }

  public static <P extends Record> ComponentSpec<P> named(String name, P defaults) {
    return new ComponentSpec<>(name, Map.of(), Map.of(), defaults);
  }

  public ComponentSpec<P> withInput(ChannelSpec input) {
    Map<String, ChannelSpec> next = new LinkedHashMap<>(inputs);
    if (next.put(input.key(), input) != null) {
      throw new IllegalArgumentException("Component " + name + " already has input '" + input.key() + "'");
    }
    return new ComponentSpec<>(name, next, outputs, defaults);
  }

  public ComponentSpec<P> withOutput(String key, ArtifactType type) {
    Map<String, ChannelSpec> next = new LinkedHashMap<>(outputs);
    if (next.put(key, ChannelSpec.required(key, type)) != null) {
      throw new IllegalArgumentException("Component " + name + " already has output '" + key + "'");
    }
    return new ComponentSpec<>(name, inputs, next, defaults);
  }

  @SuppressWarnings("unchecked")
  public Class<P> parametersType() {
    return (Class<P>) defaults.getClass();
  }

  public Optional<ChannelSpec> input(String key) {
    return Optional.ofNullable(inputs.get(key));
  }

  public Optional<ChannelSpec> output(String key) {
    return Optional.ofNullable(outputs.get(key));
  }

  /** The required input keys, in declaration order. */
  public List<String> requiredInputs() {
    return inputs.values().stream().filter(c -> !c.optional()).map(ChannelSpec::key).toList();
  }

  /** The output channel for {@code key}, or an error listing the outputs this component has. */
  public ChannelSpec requireOutput(String key) {
    ChannelSpec spec = outputs.get(key);
    if (spec == null) {
      throw new InvalidParameterException("Component " + name + " has no output '" + key
          + "'; its outputs are " + outputs.keySet());
    }
    return spec;
  }

  /** The input channel for {@code key}, or an error listing the inputs this component has. */
  public ChannelSpec requireInput(String key) {
    ChannelSpec spec = inputs.get(key);
    if (spec == null) {
      throw new InvalidParameterException("Component " + name + " has no input '" + key
          + "'; its inputs are " + inputs.keySet());
    }
    return spec;
  }

  static void checkName(String what, String value) {
    Objects.requireNonNull(value, what);
    if (!value.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException(what + " must start with a letter and contain only letters,"
          + " digits, '_', '.' and '-'; got '" + value + "'");
    }
  }
}
