package io.beamline.schemagen;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.StatisticsJson;
import java.util.Map;
import org.apache.beam.sdk.util.MimeTypes;

/** Reads a curated schema file, checks it parses, and publishes it as the Schema artifact. */
final class ImportSchemaGenExecutor implements Executor<ImportSchemaGenParameters> {
  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<ImportSchemaGenParameters> context) throws Exception {
    String file = ImportSchemaGen.requireFile(context.parameters());
    String text = ImportSchemaGen.readText(file);
    Schema schema = SchemaText.parse(text, file);
    String out = context.outputUri(ImportSchemaGen.SCHEMA);
    StatisticsJson.writeText(text, ArtifactUris.child(out, SchemaText.FILE_NAME), MimeTypes.TEXT);
    StatisticsJson.writeText(SchemaText.toJson(schema), ArtifactUris.child(out, SchemaText.JSON_FILE_NAME),
        MimeTypes.TEXT);
    return Map.of(ImportSchemaGen.SCHEMA, ArtifactProperties.empty().with(PropertyNames.NUM_FEATURES, schema.features().size()));
  }
}
