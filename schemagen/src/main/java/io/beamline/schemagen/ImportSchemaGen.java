package io.beamline.schemagen;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.schema.SchemaText;
import java.util.Map;
import java.util.Optional;

/**
 * The ImportSchemaGen component: a user-curated schema file becomes the Schema artifact, which is
 * how users tighten what inference guessed. The file is parsed first (a syntax error names its line
 * and column), then copied byte for byte as {@code schema.pbtxt} (the user's layout and comments
 * kept), with {@code schema.json} beside it. No inputs; output {@code schema} with property
 * {@code num_features}. Its external-input fingerprint is the file's content, so an edited file is
 * not served from cache.
 *
 * <pre>{@code
 * ImportSchemaGen.run("conf/schema.pbtxt", "out/schema");
 * }</pre>
 */
public final class ImportSchemaGen implements Component<ImportSchemaGenParameters> {
  public static final String NAME = "ImportSchemaGen";
  public static final String SCHEMA = "schema";

  @Override
  public ComponentSpec<ImportSchemaGenParameters> spec() {
    return ComponentSpec.named(NAME, ImportSchemaGenParameters.defaults()).withOutput(SCHEMA, ArtifactType.SCHEMA);
  }

  @Override
  public Executor<ImportSchemaGenParameters> executor() {
    return new ImportSchemaGenExecutor();
  }

  @Override
  public Optional<String> externalInputFingerprint(ImportSchemaGenParameters parameters,
      Map<String, java.util.List<io.beamline.core.component.ResolvedArtifact>> inputs) {
    String text = readText(requireFile(parameters));
    return Optional.of(Integer.toHexString(text.hashCode()) + ":" + text.length());
  }

  static String requireFile(ImportSchemaGenParameters p) {
    if (p.schemaFile().isBlank()) {
      throw new InvalidParameterException(NAME + ": schema_file is required (the curated schema.pbtxt to import)");
    }
    return p.schemaFile();
  }

  static String readText(String file) {
    return SchemaText.readText(file);
  }

  public static ComponentResult run(String schemaFile, String outputUri) {
    return ComponentRun.of(new ImportSchemaGen())
        .withParameters(new ImportSchemaGenParameters(schemaFile))
        .withOutput(SCHEMA, outputUri)
        .run();
  }
}
