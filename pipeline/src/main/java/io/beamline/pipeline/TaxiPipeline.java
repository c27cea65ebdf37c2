package io.beamline.pipeline;

import io.beamline.examplegen.ExampleGen;
import io.beamline.examplegen.ExampleGenParameters;
import io.beamline.statsgen.StatisticsGen;
import java.nio.file.Path;

/**
 * The Chicago taxi pipeline of the demo: every component that exists, chained through the store.
 * ExampleGen splits the CSV 2:1 into train and eval; StatisticsGen describes both splits.
 */
public final class TaxiPipeline {
  public static final String NAME = "chicago_taxi";
  public static final String EXAMPLE_GEN = "ExampleGen";
  public static final String STATISTICS_GEN = "StatisticsGen";

  private TaxiPipeline() {}

  public static Pipeline of(Path csv) {
    var exampleGen = Node.of(new ExampleGen())
        .withParameters(ExampleGenParameters.defaults().withInput(csv.toAbsolutePath().toString()));
    var statisticsGen = Node.of(new StatisticsGen())
        .withInput(StatisticsGen.EXAMPLES, exampleGen.output(ExampleGen.EXAMPLES));
    return Pipeline.of(NAME, exampleGen, statisticsGen);
  }
}
