package io.beamline.core.component;

import io.beamline.core.InvalidParameterException;
import java.util.Map;

/**
 * The published outputs of a component run, by output key.
 *
 * @param outputs each output's final location and properties
 */
public record ComponentResult(Map<String, ResolvedArtifact> outputs) {
  public ComponentResult {
    outputs = Map.copyOf(outputs);
  }

  public ResolvedArtifact output(String key) {
    ResolvedArtifact a = outputs.get(key);
    if (a == null) {
      throw new InvalidParameterException("No output '" + key + "'; outputs are " + outputs.keySet());
    }
    return a;
  }
}
