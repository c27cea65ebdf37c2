package io.beamline.orchestrator;

import io.beamline.core.component.ArtifactType;
import java.util.Objects;

/**
 * One node's output, as another node's input: binding it makes the consumer depend on the producer.
 *
 * @param nodeId the producing node
 * @param key the producer's output key
 * @param type the artifact type that output carries
 */
public record OutputRef(String nodeId, String key, ArtifactType type) {
  public OutputRef {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return nodeId + "." + key;
  }
}
