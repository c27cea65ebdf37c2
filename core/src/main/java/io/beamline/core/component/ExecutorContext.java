package io.beamline.core.component;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Everything an executor gets: resolved inputs, parameters, where to write each output, and the Beam
 * options to run its pipeline with.
 *
 * @param component the component type name, for messages and step labels
 * @param inputs the resolved input artifacts by key (an unbound optional input is absent)
 * @param parameters the parameters record
 * @param outputUris where to write each output, by key; the directory exists and is empty
 * @param options Beam pipeline options (runner, parallelism, ...)
 */
public record ExecutorContext<P extends Record>(
    String component,
    Map<String, List<ResolvedArtifact>> inputs,
    P parameters,
    Map<String, String> outputUris,
    PipelineOptions options) {

  public ExecutorContext {
    Objects.requireNonNull(component, "component");
    inputs = Map.copyOf(inputs);
    Objects.requireNonNull(parameters, "parameters");
    outputUris = Map.copyOf(outputUris);
    Objects.requireNonNull(options, "options");
  }

  /** The single artifact bound to a required input. */
  public ResolvedArtifact input(String key) {
    List<ResolvedArtifact> list = inputs.get(key);
    if (list == null || list.isEmpty()) {
      throw new InvalidInputException(component + ": input '" + key + "' is not bound");
    }
    if (list.size() > 1) {
      throw new InvalidInputException(component + ": input '" + key + "' expects one artifact, got "
          + list.size());
    }
    return list.get(0);
  }

  public Optional<ResolvedArtifact> optionalInput(String key) {
    List<ResolvedArtifact> list = inputs.get(key);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(input(key));
  }

  public String outputUri(String key) {
    String uri = outputUris.get(key);
    if (uri == null) {
      throw new InvalidParameterException(component + " has no output '" + key + "'; outputs are "
          + outputUris.keySet());
    }
    return uri;
  }
}
