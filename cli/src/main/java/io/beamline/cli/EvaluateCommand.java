package io.beamline.cli;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.evaluator.EvaluatorParameters;
import io.beamline.evaluator.Evaluator;
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
    description = {"Evaluate a model (a SavedModel taking serialized tf.Examples) on an Examples split:"
        + " metrics overall and per slice in DIR/evaluation (metrics.json, evaluation.html), and a"
        + " blessing in DIR/blessing (an empty BLESSED or NOT_BLESSED file)."})
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BeamArgs beam;

  @Option(names = "--examples", required = true, paramLabel = "DIR", description = "The Examples artifact.")
  String examples;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The candidate Model artifact.")
  String model;

  @Option(names = "--baseline-model", paramLabel = "DIR", description = "The model to beat (change thresholds).")
  String baseline;

  @Option(names = "--schema", paramLabel = "FILE|DIR", description = "A schema, to check the features the config names.")
  String schema;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The eval config as JSON: label_key, slicing_specs, thresholds, min_slice_size...")
  Path config;

  @Option(names = "--label", paramLabel = "F", description = "The label feature, when there is no --config.")
  String label;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Where to write DIR/evaluation and DIR/blessing (must not exist yet).")
  String output;

  @Override
  public Integer call() throws IOException {
    EvaluatorParameters evalConfig = config != null ? EvaluatorParameters.fromJson(Files.readString(config))
        : label != null ? EvaluatorParameters.forLabel(label) : EvaluatorParameters.defaults();
    ComponentRun<EvaluatorParameters> run = ComponentRun.of(new Evaluator())
        .withParameters(evalConfig)
        .withInput(Evaluator.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examples))
        .withInput(Evaluator.MODEL, ResolvedArtifact.at(ArtifactType.MODEL, model))
        .withOutput(Evaluator.EVALUATION, ArtifactUris.child(output, Evaluator.EVALUATION))
        .withOutput(Evaluator.BLESSING, ArtifactUris.child(output, Evaluator.BLESSING))
        .withOptions(BeamRuns.options(beam.toList()));
    if (baseline != null) {
      run = run.withInput(Evaluator.BASELINE_MODEL, ResolvedArtifact.at(ArtifactType.MODEL, baseline));
    }
    if (schema != null) {
      run = run.withInput(Evaluator.SCHEMA, ResolvedArtifact.at(ArtifactType.SCHEMA, schema));
    }
    ComponentResult result = run.run();
    Summaries.evaluation(spec.commandLine().getOut(), result.output(Evaluator.EVALUATION),
        result.output(Evaluator.BLESSING));
    return 0;
  }
}
