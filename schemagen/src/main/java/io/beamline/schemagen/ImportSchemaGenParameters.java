package io.beamline.schemagen;

import java.util.Objects;

/**
 * Parameters of {@link ImportSchemaGen}.
 *
 * @param schemaFile the curated {@code schema.pbtxt}: a local path or any Beam FileSystem URI
 *     (default empty: the component then refuses to run and says so)
 */
public record ImportSchemaGenParameters(String schemaFile) {
  public ImportSchemaGenParameters {
    Objects.requireNonNull(schemaFile, "schemaFile");
  }

  public static ImportSchemaGenParameters defaults() {
    return new ImportSchemaGenParameters("");
  }
}
