package io.beamline.cli;

import io.beamline.orchestrator.LatestBlessedModel;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;

import io.beamline.evaluator.EvaluatorParameters;
import io.beamline.evaluator.Evaluator;
import io.beamline.evaluator.MetricThreshold;
import io.beamline.evaluator.SlicingSpec;
import io.beamline.examplegen.ExampleGen;
import io.beamline.examplegen.ExampleGenParameters;
import io.beamline.pusher.Pusher;
import io.beamline.pusher.PusherParameters;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.trainer.Trainer;
import io.beamline.trainer.TrainerParameters;
import io.beamline.validator.ExampleValidator;
import java.nio.file.Path;
import java.util.List;

/**
 * The Chicago taxi pipeline of the demo, every component chained through the store: ExampleGen
 * splits the labelled CSV 2:1 into train and eval; StatisticsGen describes both splits; SchemaGen
 * infers a schema from train; ExampleValidator checks every split against it; Trainer learns
 * {@value #LABEL} (without {@code tips}, which leaks the label); Evaluator computes AUC and friends
 * overall and per hour and payment type, and blesses the model only if its AUC is at least
 * {@value #MIN_AUC} and no more than 0.01 below the latest blessed model's; Pusher ships a blessed
 * model to a versioned serving directory.
 *
 * <p>The trainer runs on every run (it is not served from cache), so a second run trains a new
 * model and validates it against the first, while the data steps come from cache.
 */
public final class TaxiPipeline {
  public static final String NAME = "chicago_taxi";
  public static final String LABEL = "big_tipper";
  public static final double MIN_AUC = 0.8;
  public static final String EXAMPLE_GEN = "ExampleGen";
  public static final String STATISTICS_GEN = "StatisticsGen";
  public static final String SCHEMA_GEN = "SchemaGen";
  public static final String EXAMPLE_VALIDATOR = "ExampleValidator";
  public static final String TRAINER = "Trainer";
  public static final String EVALUATOR = "Evaluator";
  public static final String PUSHER = "Pusher";

  private TaxiPipeline() {}

  /**
   * @param csv the labelled taxi CSV ({@code examples/data/taxi/big_tipper.csv})
   * @param serving the base directory blessed models are pushed to
   */
  public static Pipeline of(Path csv, Path serving) {
    var exampleGen = Node.of(new ExampleGen())
        .withParameters(ExampleGenParameters.defaults().withInput(csv.toAbsolutePath().toString()));
    var statisticsGen = Node.of(new StatisticsGen())
        .withInput(StatisticsGen.EXAMPLES, exampleGen.output(ExampleGen.EXAMPLES));
    var schemaGen = Node.of(new SchemaGen())
        .withInput(SchemaGen.STATISTICS, statisticsGen.output(StatisticsGen.STATISTICS));
    var validator = Node.of(new ExampleValidator())
        .withInput(ExampleValidator.STATISTICS, statisticsGen.output(StatisticsGen.STATISTICS))
        .withInput(ExampleValidator.SCHEMA, schemaGen.output(SchemaGen.SCHEMA));
    var trainer = Node.of(new Trainer())
        .withParameters(TrainerParameters.forLabel(LABEL).withExclude(List.of("tips")))
        .withInput(Trainer.EXAMPLES, exampleGen.output(ExampleGen.EXAMPLES))
        .withInput(Trainer.SCHEMA, schemaGen.output(SchemaGen.SCHEMA))
        .withInput(Trainer.STATISTICS, statisticsGen.output(StatisticsGen.STATISTICS))
        .withCaching(false);
    var evaluator = Node.of(new Evaluator())
        .withParameters(EvaluatorParameters.forLabel(LABEL)
            .withSlicing(SlicingSpec.byFeatures("trip_start_hour"), SlicingSpec.byFeatures("payment_type"))
            .withMinSliceSize(50)
            .withThresholds(
                MetricThreshold.value("auc", MIN_AUC, null),
                MetricThreshold.change("auc", MetricThreshold.Direction.HIGHER_IS_BETTER, -0.01, null)))
        .withInput(Evaluator.EXAMPLES, exampleGen.output(ExampleGen.EXAMPLES))
        .withInput(Evaluator.MODEL, trainer.output(Trainer.MODEL))
        .withInput(Evaluator.SCHEMA, schemaGen.output(SchemaGen.SCHEMA))
        .withInput(Evaluator.BASELINE_MODEL, LatestBlessedModel.of());
    var pusher = Node.of(new Pusher())
        .withParameters(PusherParameters.to(serving.toAbsolutePath().toString()))
        .withInput(Pusher.MODEL, trainer.output(Trainer.MODEL))
        .withInput(Pusher.BLESSING, evaluator.output(Evaluator.BLESSING));
    return Pipeline.of(NAME, exampleGen, statisticsGen, schemaGen, validator, trainer, evaluator, pusher);
  }
}
