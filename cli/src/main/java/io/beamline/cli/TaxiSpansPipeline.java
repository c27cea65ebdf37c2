package io.beamline.cli;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.PropertyNames;
import io.beamline.evaluator.Evaluator;
import io.beamline.evaluator.EvaluatorParameters;
import io.beamline.evaluator.MetricThreshold;
import io.beamline.evaluator.SlicingSpec;
import io.beamline.examplegen.ExampleGen;
import io.beamline.examplegen.ExampleGenParameters;
import io.beamline.monitor.DriftSettings;
import io.beamline.monitor.Monitor;
import io.beamline.monitor.MonitorCheck;
import io.beamline.monitor.MonitorParameters;
import io.beamline.orchestrator.Conditions;
import io.beamline.orchestrator.LatestBlessedModel;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;
import io.beamline.orchestrator.PreviousSpans;
import io.beamline.pusher.Pusher;
import io.beamline.pusher.PusherParameters;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.trainer.Trainer;
import io.beamline.trainer.TrainerParameters;
import java.nio.file.Path;
import java.util.List;

/**
 * The taxi pipeline run once per span, with monitoring: ExampleGen reads one span
 * ({@link TaxiSpans}), StatisticsGen describes it, the Monitor judges it against the spans before
 * (detectors on fare, cash share, drift and volume; drift from the sketches), and the Trainer runs
 * only when the Monitor reports drift or the model is {@value #MAX_MODEL_AGE} spans old; a new model
 * is evaluated (against the last blessed one) and pushed. When the Trainer is skipped,
 * {@link #serving} evaluates the model in service on the span instead, so every span has an AUC.
 */
final class TaxiSpansPipeline {
  static final String NAME = "chicago_taxi_spans";
  static final String MONITOR = "Monitor";
  static final String EVALUATE_SERVING = "EvaluateServing";
  static final long MAX_MODEL_AGE = 3;
  /** The share of drifted features that calls for retraining. */
  static final double DRIFT_SHARE = 0.1;
  static final List<MonitorCheck> CHECKS = List.of(
      MonitorCheck.parse("fare:mean~relative_change(0.8,1.25)"),
      MonitorCheck.parse("payment_type:top_share=Cash~absolute_change(-0.1,0.1)"),
      MonitorCheck.parse("fare:drift~threshold(0,0.1)"),
      MonitorCheck.parse("num_examples~relative_change(0.5,2)"));

  private TaxiSpansPipeline() {}

  private static Node<ExampleGenParameters> exampleGen(String pattern, long span) {
    return Node.of(new ExampleGen())
        .withParameters(ExampleGenParameters.defaults().withInput(pattern).withSpan(span, null));
  }

  private static EvaluatorParameters evaluation(boolean againstBaseline) {
    EvaluatorParameters p = EvaluatorParameters.forLabel(TaxiPipeline.LABEL)
        .withSlicing(SlicingSpec.byFeatures("trip_start_hour"), SlicingSpec.byFeatures("payment_type"))
        .withMinSliceSize(50);
    return againstBaseline
        ? p.withThresholds(MetricThreshold.value("auc", TaxiPipeline.MIN_AUC, null),
            MetricThreshold.change("auc", MetricThreshold.Direction.HIGHER_IS_BETTER, -0.01, null))
        : p.withThresholds(MetricThreshold.value("auc", TaxiPipeline.MIN_AUC, null));
  }

  /** The span's pipeline: data, monitoring, and training only when needed. */
  static Pipeline of(String pattern, long span, Path serving) {
    var gen = exampleGen(pattern, span);
    var stats = Node.of(new StatisticsGen()).withInput(StatisticsGen.EXAMPLES, gen.output(ExampleGen.EXAMPLES));
    var schema = Node.of(new SchemaGen()).withInput(SchemaGen.STATISTICS, stats.output(StatisticsGen.STATISTICS));
    var monitor = Node.of(new Monitor())
        .withParameters(MonitorParameters.defaults().withChecks(CHECKS)
            // time moves between spans by definition; a tenth of the features drifting calls for a new model
            .withIgnoredFeatures(List.of("trip_start_timestamp", "trip_start_month"))
            .withDrift(DriftSettings.defaults().withDatasetShare(DRIFT_SHARE)))
        .withInput(Monitor.STATISTICS, stats.output(StatisticsGen.STATISTICS))
        .withInput(Monitor.HISTORY, PreviousSpans.of(ArtifactType.EXAMPLE_STATISTICS, 30)
            .ofNode(TaxiPipeline.STATISTICS_GEN).before(Monitor.STATISTICS));
    var trainer = Node.of(new Trainer())
        .withParameters(TrainerParameters.forLabel(TaxiPipeline.LABEL).withExclude(List.of("tips")))
        .withInput(Trainer.EXAMPLES, gen.output(ExampleGen.EXAMPLES))
        .withInput(Trainer.SCHEMA, schema.output(SchemaGen.SCHEMA))
        .withInput(Trainer.STATISTICS, stats.output(StatisticsGen.STATISTICS))
        .withCaching(false)
        .when(Conditions.anyOf(
            Conditions.propertyIs(monitor.output(Monitor.ANOMALIES), PropertyNames.DRIFT_DETECTED, true),
            Conditions.modelOlderThan(MAX_MODEL_AGE, gen.output(ExampleGen.EXAMPLES))));
    var evaluator = Node.of(new Evaluator())
        .withParameters(evaluation(true))
        .withInput(Evaluator.EXAMPLES, gen.output(ExampleGen.EXAMPLES))
        .withInput(Evaluator.MODEL, trainer.output(Trainer.MODEL))
        .withInput(Evaluator.SCHEMA, schema.output(SchemaGen.SCHEMA))
        .withInput(Evaluator.BASELINE_MODEL, LatestBlessedModel.of());
    var pusher = Node.of(new Pusher())
        .withParameters(PusherParameters.to(serving.toAbsolutePath().toString()))
        .withInput(Pusher.MODEL, trainer.output(Trainer.MODEL))
        .withInput(Pusher.BLESSING, evaluator.output(Evaluator.BLESSING));
    return Pipeline.of(NAME, gen, stats, schema, monitor, trainer, evaluator, pusher);
  }

  /** The model in service (the latest blessed) evaluated on the span: its ExampleGen comes from cache. */
  static Pipeline serving(String pattern, long span) {
    var gen = exampleGen(pattern, span);
    var evaluator = Node.of(new Evaluator()).withId(EVALUATE_SERVING)
        .withParameters(evaluation(false))
        .withInput(Evaluator.EXAMPLES, gen.output(ExampleGen.EXAMPLES))
        .withInput(Evaluator.MODEL, LatestBlessedModel.of());
    return Pipeline.of(NAME, gen, evaluator);
  }
}
