package io.beamline.schemagen;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ResolvedArtifact;

/**
 * The SchemaGen component: infers a schema from one split's statistics ({@link SchemaInference}) and
 * writes a Schema artifact ({@code <uri>/schema.pbtxt} as TFX writes it, and {@code schema.json}).
 * Input {@code statistics} (ExampleStatistics), output {@code schema} (Schema) with properties
 * {@code split} (the split inferred from) and {@code num_features}.
 *
 * <pre>{@code
 * ComponentResult result = SchemaGen.run("out/statistics", "out/schema");
 * Schema schema = SchemaText.readArtifact(result.output("schema").uri());
 * }</pre>
 */
public final class SchemaGen implements Component<SchemaGenParameters> {
  public static final String NAME = "SchemaGen";
  public static final String STATISTICS = "statistics";
  public static final String SCHEMA = "schema";

  @Override
  public ComponentSpec<SchemaGenParameters> spec() {
    return ComponentSpec.named(NAME, SchemaGenParameters.defaults())
        .withInput(ChannelSpec.required(STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withOutput(SCHEMA, ArtifactType.SCHEMA);
  }

  @Override
  public Executor<SchemaGenParameters> executor() {
    return new SchemaGenExecutor();
  }

  /** Library shortcut: a schema from the statistics at {@code statisticsUri}, default parameters. */
  public static ComponentResult run(String statisticsUri, String outputUri) {
    return run(statisticsUri, outputUri, SchemaGenParameters.defaults());
  }

  public static ComponentResult run(String statisticsUri, String outputUri, SchemaGenParameters parameters) {
    return ComponentRun.of(new SchemaGen())
        .withParameters(parameters)
        .withInput(STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, statisticsUri))
        .withOutput(SCHEMA, outputUri)
        .run();
  }
}
