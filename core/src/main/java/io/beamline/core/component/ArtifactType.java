package io.beamline.core.component;

import java.util.Objects;

/**
 * The kind of an artifact a component reads or writes. The standard types carry the names TFX and
 * ML Metadata use, so a store shared with TFX tooling reads naturally.
 *
 * @param name the type name, e.g. {@code Examples}
 */
public record ArtifactType(String name) {
  public static final ArtifactType EXAMPLES = new ArtifactType("Examples");
  public static final ArtifactType EXAMPLE_STATISTICS = new ArtifactType("ExampleStatistics");
  public static final ArtifactType SCHEMA = new ArtifactType("Schema");
  public static final ArtifactType EXAMPLE_ANOMALIES = new ArtifactType("ExampleAnomalies");
  public static final ArtifactType MODEL = new ArtifactType("Model");
  public static final ArtifactType MODEL_RUN = new ArtifactType("ModelRun");
  public static final ArtifactType MODEL_EVALUATION = new ArtifactType("ModelEvaluation");
  public static final ArtifactType MODEL_BLESSING = new ArtifactType("ModelBlessing");
  public static final ArtifactType PUSHED_MODEL = new ArtifactType("PushedModel");

  public ArtifactType {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "Artifact type name must be letters, digits and '_', starting with a letter; got '"
              + name + "'");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
