package io.beamline.cli;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentResult;
import io.beamline.trainer.Head;
import io.beamline.trainer.OptimizerType;
import io.beamline.trainer.Trainer;
import io.beamline.trainer.TrainerParameters;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code beamline train}: a binary classifier with its preprocessing inside the exported graph. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a binary classifier with TensorFlow (GPU when the GPU natives and a GPU are present)."
        + " Preprocessing (z-scores, imputation, vocabularies) is derived from the statistics and schema and"
        + " built into the graph: DIR/model/Format-Serving is a SavedModel whose serving_default signature"
        + " takes serialized tf.Examples; DIR/model_run holds TensorBoard logs and metrics.json."},
    footer = {"", "Example:",
        "  beamline train --examples ex --schema sc --stats st --label big_tipper --exclude tips --output tr"})
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HomeOption home;
  @Mixin ForceOption force;

  @Option(names = "--examples", required = true, paramLabel = "ARTIFACT",
      description = "Examples with train and eval splits." + ArtifactArgument.FORMS)
  String examples;

  @Option(names = "--schema", required = true, paramLabel = "FILE|ARTIFACT",
      description = "The schema: a schema.pbtxt file or a Schema artifact, given as --examples is.")
  String schema;

  @Option(names = "--stats", required = true, paramLabel = "ARTIFACT",
      description = "ExampleStatistics (the train split's are used), given as --examples is.")
  String stats;

  @Option(names = "--label", required = true, paramLabel = "F",
      description = "The label feature: 0/1 (binary head), a class id 0..K-1 (multiclass), a number (regression).")
  String label;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Where to write DIR/model and DIR/model_run (must not exist yet, unless --force).")
  String output;

  @Option(names = "--exclude", split = ",", paramLabel = "F", description = "Features not to use (e.g. ones that leak the label).")
  List<String> exclude = List.of();

  @Option(names = "--features", split = ",", paramLabel = "F", description = "Use only these features (default: all in the schema).")
  List<String> features = List.of();

  @Option(names = "--model", paramLabel = "linear|dnn", defaultValue = "linear", description = "Model type (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--head", paramLabel = "binary|multiclass|regression", defaultValue = "binary",
      description = "Output layer and loss (default: ${DEFAULT-VALUE}): sigmoid, softmax over the class ids, or a number.")
  String head;

  @Option(names = "--hidden", split = ",", paramLabel = "N", description = "Hidden layer sizes of a dnn (default 32,16).")
  List<Integer> hidden = List.of();

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default 10).")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N", description = "Examples per step (default: chosen from the train split's size, 256 to 4096).")
  Integer batchSize;

  @Option(names = "--learning-rate", paramLabel = "X", description = "Learning rate (default 0.01).")
  Double learningRate;

  @Option(names = "--optimizer", paramLabel = "adam|sgd", defaultValue = "adam", description = "Optimizer (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--patience", paramLabel = "N", description = "Stop after N epochs without a better eval loss and keep the best epoch's weights (default 2; 0: never).")
  Integer patience;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
  Long seed;

  @Option(names = "--bucketize", split = ",", paramLabel = "F", description = "Numeric features to bucketize by their quantiles.")
  List<String> bucketize = List.of();

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Keep checkpoints here, so a killed training resumes.")
  String checkpointDir;

  @Override
  public Integer call() {
    TrainerParameters p = TrainerParameters.forLabel(label).withExclude(exclude).withFeatures(features)
        .withBucketize(bucketize);
    p = "dnn".equalsIgnoreCase(model) ? p.withDnn(hidden.isEmpty() ? TrainerParameters.defaults().hiddenUnits() : hidden)
        : p.withLinear();
    p = p.withHead(headOf(head));
    OptimizerType type = OptimizerType.valueOf(optimizer.toUpperCase(Locale.ROOT));
    p = p.withOptimizer(type, learningRate != null ? learningRate : p.learningRate());
    if (epochs != null) {
      p = p.withEpochs(epochs);
    }
    if (batchSize != null) {
      p = p.withBatchSize(batchSize);
    }
    if (patience != null) {
      p = p.withPatience(patience);
    }
    if (seed != null) {
      p = p.withSeed(seed);
    }
    if (checkpointDir != null) {
      p = p.withCheckpointDir(checkpointDir);
    }
    String modelDir = ArtifactUris.child(output, Trainer.MODEL);
    String runDir = ArtifactUris.child(output, Trainer.MODEL_RUN);
    force.check(home, output, modelDir, runDir);
    ArtifactArgument artifacts = new ArtifactArgument(home::resolve);
    ComponentResult result = force.apply(ComponentRun.of(new Trainer()))
        .withInput(Trainer.EXAMPLES, artifacts.resolve("--examples", examples, ArtifactType.EXAMPLES))
        .withInput(Trainer.SCHEMA, artifacts.resolve("--schema", schema, ArtifactType.SCHEMA))
        .withInput(Trainer.STATISTICS, artifacts.resolve("--stats", stats, ArtifactType.EXAMPLE_STATISTICS))
        .withParameters(p)
        .withOutput(Trainer.MODEL, modelDir)
        .withOutput(Trainer.MODEL_RUN, runDir)
        .run();
    PrintWriter out = spec.commandLine().getOut();
    Summaries.model(out, result.output(Trainer.MODEL), result.output(Trainer.MODEL_RUN));
    return 0;
  }

  private static Head headOf(String name) {
    try {
      return Head.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("Unknown --head '" + name + "': expected binary, multiclass or regression");
    }
  }
}
