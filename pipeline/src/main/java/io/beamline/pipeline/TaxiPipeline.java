package io.beamline.pipeline;

import io.beamline.examplegen.ExampleGen;
import io.beamline.examplegen.ExampleGenParameters;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.validator.ExampleValidator;
import java.nio.file.Path;

/**
 * The Chicago taxi pipeline of the demo: every component that exists, chained through the store.
 * ExampleGen splits the CSV 2:1 into train and eval; StatisticsGen describes both splits;
 * SchemaGen infers a schema from the train split's statistics; ExampleValidator checks every
 * split's statistics against it.
 */
public final class TaxiPipeline {
  public static final String NAME = "chicago_taxi";
  public static final String EXAMPLE_GEN = "ExampleGen";
  public static final String STATISTICS_GEN = "StatisticsGen";
  public static final String SCHEMA_GEN = "SchemaGen";
  public static final String EXAMPLE_VALIDATOR = "ExampleValidator";

  private TaxiPipeline() {}

  public static Pipeline of(Path csv) {
    var exampleGen = Node.of(new ExampleGen())
        .withParameters(ExampleGenParameters.defaults().withInput(csv.toAbsolutePath().toString()));
    var statisticsGen = Node.of(new StatisticsGen())
        .withInput(StatisticsGen.EXAMPLES, exampleGen.output(ExampleGen.EXAMPLES));
    var schemaGen = Node.of(new SchemaGen())
        .withInput(SchemaGen.STATISTICS, statisticsGen.output(StatisticsGen.STATISTICS));
    var validator = Node.of(new ExampleValidator())
        .withInput(ExampleValidator.STATISTICS, statisticsGen.output(StatisticsGen.STATISTICS))
        .withInput(ExampleValidator.SCHEMA, schemaGen.output(SchemaGen.SCHEMA));
    return Pipeline.of(NAME, exampleGen, statisticsGen, schemaGen, validator);
  }
}
