package io.beamline.evaluator;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;

/**
 * Evaluates a candidate model (and optionally the baseline) on an Examples split: sliced metrics,
 * threshold validation, blessing.
 *
 * <pre>{@code
 * ComponentResult r = ComponentRun.of(new Evaluator())
 *     .withParameters(EvaluatorParameters.forLabel("big_tipper").withSlicing(SlicingSpec.byFeatures("trip_start_hour"))
 *         .withThresholds(MetricThreshold.value("auc", 0.7, null)))
 *     .withInput("examples", ResolvedArtifact.at(ArtifactType.EXAMPLES, examplesDir))
 *     .withInput("model", ResolvedArtifact.at(ArtifactType.MODEL, modelDir))
 *     .withOutput("evaluation", outDir + "/evaluation").withOutput("blessing", outDir + "/blessing")
 *     .run();
 * boolean blessed = r.output("blessing").properties().getBoolean(PropertyNames.BLESSED);
 * }</pre>
 *
 * <p>Outputs: {@code evaluation} (ModelEvaluation: {@code metrics.json}, {@code evaluation.html};
 * properties validation_ok, validation_status, example_count, slice_count, hidden_slices, overall
 * metrics) and {@code blessing} (ModelBlessing: an empty {@code BLESSED} or {@code NOT_BLESSED} file;
 * properties blessed, message, candidate_model_id/uri, baseline_model_id/uri when there is a baseline).
 * A model that fails validation is a result (NOT_BLESSED), not an error.
 */
public final class Evaluator implements Component<EvaluatorParameters> {
  public static final String EXAMPLES = "examples";
  public static final String MODEL = "model";
  public static final String BASELINE_MODEL = "baseline_model";
  public static final String SCHEMA = "schema";
  /** Optional: the eval data's statistics, whose quantiles cut the buckets of quantile slicing specs. */
  public static final String STATISTICS = "statistics";
  public static final String EVALUATION = "evaluation";
  public static final String BLESSING = "blessing";

  @Override
  public ComponentSpec<EvaluatorParameters> spec() {
    return ComponentSpec.named("Evaluator", EvaluatorParameters.defaults())
        .withInput(ChannelSpec.required(EXAMPLES, ArtifactType.EXAMPLES))
        .withInput(ChannelSpec.required(MODEL, ArtifactType.MODEL))
        .withInput(ChannelSpec.optional(BASELINE_MODEL, ArtifactType.MODEL))
        .withInput(ChannelSpec.optional(SCHEMA, ArtifactType.SCHEMA))
        .withInput(ChannelSpec.optional(STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withOutput(EVALUATION, ArtifactType.MODEL_EVALUATION)
        .withOutput(BLESSING, ArtifactType.MODEL_BLESSING);
  }

  @Override
  public Executor<EvaluatorParameters> executor() {
    return new EvaluatorExecutor();
  }

  /** A run with the examples and the candidate model bound; add a baseline, parameters and outputs. */
  public static ComponentRun<EvaluatorParameters> of(String examplesUri, String modelUri) {
    return ComponentRun.of(new Evaluator())
        .withInput(EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examplesUri))
        .withInput(MODEL, ResolvedArtifact.at(ArtifactType.MODEL, modelUri));
  }

  /**
   * Library shortcut: evaluates the model on the examples (no baseline) into
   * {@code outputDir/evaluation} and {@code outputDir/blessing}.
   */
  public static ComponentResult run(String examplesUri, String modelUri, EvaluatorParameters parameters,
      String outputDir) {
    return of(examplesUri, modelUri)
        .withParameters(parameters)
        .withOutput(EVALUATION, ArtifactUris.child(outputDir, EVALUATION))
        .withOutput(BLESSING, ArtifactUris.child(outputDir, BLESSING))
        .run();
  }
}
