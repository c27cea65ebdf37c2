package io.beamline.trainer;

import io.beamline.core.TensorFlowSettings;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import java.nio.file.Path;
import java.util.Map;

/** Plans the features from schema and statistics, trains, exports the SavedModel and the run's logs. */
final class TrainerExecutor implements Executor<TrainerParameters> {
  static {
    TensorFlowSettings.apply();
  }

  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<TrainerParameters> context) throws Exception {
    TrainerParameters p = context.parameters();
    String examplesUri = context.input(Trainer.EXAMPLES).uri();
    Schema schema = SchemaText.readArtifact(context.input(Trainer.SCHEMA).uri());
    String statsUri = context.input(Trainer.STATISTICS).uri();
    DatasetFeatureStatistics train = StatisticsJson.readSplit(statsUri, p.trainSplit()).whole();
    p = p.withBatchSize(p.effectiveBatchSize(train.numExamples()));
    FeaturePlan plan = FeaturePlan.of(schema, train, p, statsUri);
    Path modelDir = local(context.outputUri(Trainer.MODEL), Trainer.MODEL);
    Path modelRunDir = local(context.outputUri(Trainer.MODEL_RUN), Trainer.MODEL_RUN);
    Path checkpoints = p.checkpointDir().isEmpty() ? modelRunDir.resolve("checkpoints")
        : local(p.checkpointDir(), "checkpoint_dir");
    TrainingRun.Outcome outcome = new TrainingRun(examplesUri, plan, p, checkpoints).run(modelDir, modelRunDir);
    EpochMetrics best = outcome.best();
    ArtifactProperties common = ArtifactProperties.empty()
        .with(PropertyNames.LABEL, plan.label())
        .with(PropertyNames.FEATURES, plan.featureNames())
        .with(PropertyNames.MODEL_TYPE, p.model().name().toLowerCase(java.util.Locale.ROOT))
        .with(PropertyNames.EVAL_METRIC, p.head().evalMetric())
        .with(PropertyNames.EVAL_SCORE, best.evalScore())
        .with(PropertyNames.EVAL_LOSS, best.evalLoss())
        .with(PropertyNames.EPOCHS_RUN, (long) outcome.history().size())
        .with(PropertyNames.BEST_EPOCH, (long) outcome.bestEpoch());
    if (!plan.classNames().isEmpty()) {
      common = common.with(PropertyNames.CLASS_NAMES, plan.classNames());
    }
    if (p.head() == Head.BINARY) {
      common = common.with(PropertyNames.EVAL_AUC, best.evalScore()); // as models before eval_score had it
    }
    return Map.of(
        Trainer.MODEL, common,
        Trainer.MODEL_RUN, common.with(PropertyNames.RESUMED_FROM_EPOCH, (long) outcome.resumedFromEpoch())
            .with(PropertyNames.STOPPED_EARLY, outcome.stopped()));
  }

  private static Path local(String uri, String what) {
    return ArtifactUris.localPath(uri).orElseThrow(() -> new InvalidParameterException("Trainer: " + what
        + " location " + uri + " must be a local directory (TensorFlow writes the model and checkpoints itself)"));
  }
}
