package io.beamline.kfp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamline.core.component.ArtifactType;

/**
 * The KFP artifact type of each Beamline artifact type. KFP's UI knows the {@code system.*}
 * titles (it previews a Dataset, lists a Model); Beamline's other types have no KFP counterpart,
 * so they are {@code system.Artifact}, and the Beamline type travels in the artifact's metadata
 * ({@value #TYPE_KEY}), which the entrypoint checks.
 */
final class ArtifactSchemas {
  static final String SCHEMA_VERSION = "0.0.1";
  /** The metadata key that names the Beamline artifact type of a KFP artifact. */
  static final String TYPE_KEY = "beamline_type";

  private ArtifactSchemas() {}

  static String schemaTitle(ArtifactType type) {
    if (type.equals(ArtifactType.EXAMPLES)) {
      return "system.Dataset";
    }
    if (type.equals(ArtifactType.MODEL)) {
      return "system.Model";
    }
    return "system.Artifact";
  }

  /** An {@code ArtifactTypeSchema} message. */
  static ObjectNode schema(ArtifactType type) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("schemaTitle", schemaTitle(type));
    node.put("schemaVersion", SCHEMA_VERSION);
    return node;
  }
}
