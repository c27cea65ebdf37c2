package io.beamline.trainer;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ResolvedArtifact;

/**
 * The Trainer component: trains a binary classifier with TensorFlow Java on the train split and
 * exports it, preprocessing included, as a SavedModel TF Serving can load.
 *
 * <pre>{@code
 * ComponentResult r = Trainer.of(examplesUri, schemaUri, statisticsUri)
 *     .withParameters(TrainerParameters.forLabel("big_tipper").withExclude(List.of("tips")))
 *     .withOutput(Trainer.MODEL, "out/model")
 *     .withOutput(Trainer.MODEL_RUN, "out/model_run")
 *     .run();
 * }</pre>
 *
 * <p>Inputs {@code examples} (Examples with the train and eval splits), {@code schema} (Schema) and
 * {@code statistics} (ExampleStatistics; the train split's are used). Outputs:
 * <ul>
 *   <li>{@code model} (Model): {@code <uri>/Format-Serving/}, a SavedModel (tag {@code serve}) whose
 *       {@code serving_default} signature takes {@code examples}, a string vector of serialized
 *       tf.Example, and returns {@code probability} and {@code logit}, both float {@code [batch, 1]}.
 *       Properties {@code label}, {@code features}, {@code model_type}, {@code eval_metric} and
 *       {@code eval_score} (auc, accuracy or rmse by head), {@code eval_auc} (binary heads),
 *       {@code eval_loss}, {@code epochs_run} (of the exported, best epoch: {@code best_epoch}).
 *   <li>{@code model_run} (ModelRun): TensorBoard event files under {@code logs/train} and
 *       {@code logs/eval}, {@code metrics.json} (the same numbers per epoch, plus feed vs. step
 *       time), {@code preprocessing.json} (the constants in the graph) and, unless a checkpoint
 *       directory is given, {@code checkpoints/}.
 * </ul>
 *
 * <p>Missing features are allowed at serving time (imputed, flagged); an unknown string goes to its
 * feature's out-of-vocabulary column.
 */
public final class Trainer implements Component<TrainerParameters> {
  public static final String NAME = "Trainer";
  public static final String EXAMPLES = "examples";
  public static final String SCHEMA = "schema";
  public static final String STATISTICS = "statistics";
  public static final String MODEL = "model";
  public static final String MODEL_RUN = "model_run";
  /** The SavedModel directory under a Model artifact, as TFX's Trainer lays it out. */
  public static final String FORMAT_SERVING = TrainingRun.FORMAT_SERVING;
  /** The ModelRun's per-epoch metrics file. */
  public static final String METRICS_FILE = TrainingRun.METRICS_FILE;

  @Override
  public ComponentSpec<TrainerParameters> spec() {
    return ComponentSpec.named(NAME, TrainerParameters.defaults())
        .withInput(ChannelSpec.required(EXAMPLES, ArtifactType.EXAMPLES))
        .withInput(ChannelSpec.required(SCHEMA, ArtifactType.SCHEMA))
        .withInput(ChannelSpec.required(STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withOutput(MODEL, ArtifactType.MODEL)
        .withOutput(MODEL_RUN, ArtifactType.MODEL_RUN);
  }

  @Override
  public Executor<TrainerParameters> executor() {
    return new TrainerExecutor();
  }

  /** A run with the three inputs bound; add parameters and the two outputs. */
  public static ComponentRun<TrainerParameters> of(String examplesUri, String schemaUri, String statisticsUri) {
    return ComponentRun.of(new Trainer())
        .withInput(EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examplesUri))
        .withInput(SCHEMA, ResolvedArtifact.at(ArtifactType.SCHEMA, schemaUri))
        .withInput(STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, statisticsUri));
  }

  /** Library shortcut: trains into {@code outputDir/model} and {@code outputDir/model_run}. */
  public static ComponentResult run(String examplesUri, String schemaUri, String statisticsUri,
      TrainerParameters parameters, String outputDir) {
    return of(examplesUri, schemaUri, statisticsUri)
        .withParameters(parameters)
        .withOutput(MODEL, ArtifactUris.child(outputDir, MODEL))
        .withOutput(MODEL_RUN, ArtifactUris.child(outputDir, MODEL_RUN))
        .run();
  }
}
