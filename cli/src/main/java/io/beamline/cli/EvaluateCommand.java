package io.beamline.cli;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.evaluator.EvaluatorParameters;
import io.beamline.evaluator.Evaluator;
import io.beamline.evaluator.ModelSpec;
import io.beamline.evaluator.OutputTransform;
import io.beamline.evaluator.metrics.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code beamline evaluate}: sliced metrics of a model, validated against thresholds and a baseline. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Evaluate a model (a SavedModel taking serialized tf.Examples or named feature tensors;"
        + " Beamline's or trained elsewhere) on an Examples split: binary, multiclass or regression metrics"
        + " overall and per slice in DIR/evaluation (metrics.json, evaluation.html), and a blessing in"
        + " DIR/blessing (an empty BLESSED or NOT_BLESSED file). Options given here override the --config."},
    footer = {"", "Example:", "  beamline evaluate --examples ex --model tr --label big_tipper --output ev",
        "  beamline evaluate --examples ex --model keras_export --label species --output-key output_0 \\",
        "      --output-transform softmax --task multiclass --confidence-intervals --output ev2"})
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BeamArgs beam;
  @Mixin HomeOption home;
  @Mixin ForceOption force;

  @Option(names = "--examples", required = true, paramLabel = "ARTIFACT",
      description = "The Examples artifact." + ArtifactArgument.FORMS)
  String examples;

  @Option(names = "--model", required = true, paramLabel = "ARTIFACT",
      description = "The candidate Model artifact, given as --examples is.")
  String model;

  @Option(names = "--baseline-model", paramLabel = "ARTIFACT",
      description = "The Model to beat (change thresholds), given as --examples is.")
  String baseline;

  @Option(names = "--schema", paramLabel = "FILE|ARTIFACT",
      description = "A schema, to check the features the config names: a schema.pbtxt file or a Schema artifact.")
  String schema;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The eval config as JSON: label_key, slicing_specs, thresholds, min_slice_size...")
  Path config;

  @Option(names = "--label", paramLabel = "F", description = "The label feature, when there is no --config.")
  String label;

  @Option(names = "--stats", paramLabel = "ARTIFACT",
      description = "The eval data's ExampleStatistics, whose quantiles cut the buckets of slicing specs with"
          + " quantile_buckets; given as --examples is.")
  String stats;

  @Option(names = "--output-key", paramLabel = "KEY",
      description = "The signature output to score (default: the only output, or 'probability').")
  String outputKey;

  @Option(names = "--output-transform", paramLabel = "T",
      description = "Turn the output into probabilities: none, sigmoid (logits) or softmax (class logits).")
  String outputTransform;

  @Option(names = "--task", paramLabel = "TASK",
      description = "binary, multiclass or regression (default: inferred from the output and the labels).")
  String task;

  @Option(names = "--confidence-intervals", description = "Compute bootstrap confidence intervals for every metric.")
  boolean confidenceIntervals;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Where to write DIR/evaluation and DIR/blessing (must not exist yet, unless --force).")
  String output;

  @Override
  public Integer call() throws IOException {
    EvaluatorParameters evalConfig = config != null ? EvaluatorParameters.fromJson(Files.readString(config))
        : label != null ? EvaluatorParameters.forLabel(label) : EvaluatorParameters.defaults();
    if (outputKey != null || outputTransform != null) {
      ModelSpec m = evalConfig.model();
      evalConfig = evalConfig.withModel(m.withOutput(outputKey != null ? outputKey : m.outputKey(),
          outputTransform != null ? OutputTransform.parse(outputTransform) : m.outputTransform()));
    }
    if (task != null) {
      evalConfig = evalConfig.withTask(Task.parse(task));
    }
    if (confidenceIntervals) {
      evalConfig = evalConfig.withConfidenceIntervals(true);
    }
    String evaluation = ArtifactUris.child(output, Evaluator.EVALUATION);
    String blessing = ArtifactUris.child(output, Evaluator.BLESSING);
    force.check(home, output, evaluation, blessing);
    ArtifactArgument artifacts = new ArtifactArgument(home::resolve);
    ComponentRun<EvaluatorParameters> run = force.apply(ComponentRun.of(new Evaluator()))
        .withParameters(evalConfig)
        .withInput(Evaluator.EXAMPLES, artifacts.resolve("--examples", examples, ArtifactType.EXAMPLES))
        .withInput(Evaluator.MODEL, artifacts.resolve("--model", model, ArtifactType.MODEL))
        .withOutput(Evaluator.EVALUATION, evaluation)
        .withOutput(Evaluator.BLESSING, blessing)
        .withOptions(BeamRuns.options(beam.toList()));
    if (baseline != null) {
      run = run.withInput(Evaluator.BASELINE_MODEL, artifacts.resolve("--baseline-model", baseline, ArtifactType.MODEL));
    }
    if (schema != null) {
      run = run.withInput(Evaluator.SCHEMA, artifacts.resolve("--schema", schema, ArtifactType.SCHEMA));
    }
    if (stats != null) {
      run = run.withInput(Evaluator.STATISTICS, artifacts.resolve("--stats", stats, ArtifactType.EXAMPLE_STATISTICS));
    }
    ComponentResult result = run.run();
    Summaries.evaluation(spec.commandLine().getOut(), result.output(Evaluator.EVALUATION),
        result.output(Evaluator.BLESSING));
    return 0;
  }
}
