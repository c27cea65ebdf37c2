package io.beamline.cli;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.schemagen.ImportSchemaGen;
import io.beamline.schemagen.ImportSchemaGenParameters;
import io.beamline.schemagen.SchemaGen;
import io.beamline.schemagen.SchemaGenParameters;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code beamline schema}: infer a schema from statistics, or import a curated one. */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = {"Infer a schema (TensorFlow Metadata text format, as TFX writes it) from statistics,"
        + " or import a curated schema.pbtxt: DIR/schema.pbtxt and DIR/schema.json."},
    footer = {"", "Example:", "  beamline schema --stats st --output sc"})
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HomeOption home;
  @Mixin ForceOption force;

  static final class Source {
    @Option(names = "--stats", paramLabel = "ARTIFACT",
        description = "An ExampleStatistics artifact to infer from." + ArtifactArgument.FORMS)
    String stats;

    @Option(names = "--import", paramLabel = "FILE", description = "A curated schema.pbtxt to import as it is.")
    String importFile;
  }

  @ArgGroup(exclusive = true, multiplicity = "1") Source source;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to write (must not exist yet, unless --force).")
  String output;

  @Option(names = "--split", paramLabel = "NAME", defaultValue = SchemaGenParameters.DEFAULT_SPLIT,
      description = "The statistics split to infer from (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--no-infer-shape", description = "Give value_count instead of shape for single-valued features.")
  boolean noInferShape;

  @Option(names = "--max-string-domain-size", paramLabel = "N",
      description = "Largest number of distinct values a string feature may have to get a domain (default 100).")
  Integer maxStringDomainSize;

  @Option(names = "--categorical", split = ",", paramLabel = "F",
      description = "INT features that are categorical (they get an int_domain).")
  List<String> categorical = List.of();

  @Override
  public Integer call() {
    force.check(home, output, output);
    ComponentResult result;
    if (source.importFile != null) {
      result = force.apply(ComponentRun.of(new ImportSchemaGen()))
          .withParameters(new ImportSchemaGenParameters(source.importFile))
          .withOutput(ImportSchemaGen.SCHEMA, output)
          .run();
    } else {
      SchemaGenParameters p = SchemaGenParameters.defaults().withSplit(split)
          .withInferFeatureShape(!noInferShape).withCategoricalFeatures(categorical);
      if (maxStringDomainSize != null) {
        p = p.withMaxStringDomainSize(maxStringDomainSize);
      }
      result = force.apply(ComponentRun.of(new SchemaGen()))
          .withParameters(p)
          .withInput(SchemaGen.STATISTICS, new ArtifactArgument(home::resolve)
              .resolve("--stats", source.stats, ArtifactType.EXAMPLE_STATISTICS))
          .withOutput(SchemaGen.SCHEMA, output)
          .run();
    }
    Summaries.schema(spec.commandLine().getOut(), result.output(SchemaGen.SCHEMA));
    return 0;
  }
}
