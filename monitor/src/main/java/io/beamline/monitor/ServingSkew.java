package io.beamline.monitor;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ResolvedArtifact;

/**
 * The ServingSkew component: does what the model sees when serving look like what it was trained
 * on? Serving requests, as a server logs them (a TFRecord of tf.Examples, or JSON lines of TF
 * Serving REST requests), become Examples through ExampleGen and statistics through StatisticsGen
 * like any data; this component then compares the two sides in two ways:
 * <ul>
 *   <li><b>distribution skew</b>, from both statistics' sketches, feature by feature
 *       ({@link DriftTests}: KS or chi-squared with p-values from both sizes, effect sizes, PSI,
 *       Jensen-Shannon, Wasserstein) with a data-set verdict; TFDV's schema-configured skew
 *       comparators (L-infinity, Jensen-Shannon) are {@code ExampleValidator}'s, given serving
 *       statistics;
 *   <li><b>feature skew</b>, when identifier features are given: training and serving examples joined
 *       on them, and per feature the pairs that match, mismatch or have values on one side only
 *       (TFDV's feature skew detector, in {@link FeatureSkewPipeline}), with a sample of skewed pairs.
 * </ul>
 *
 * <p>Inputs, all optional but at least one pair: {@code training_statistics} and
 * {@code serving_statistics} (ExampleStatistics), {@code training_examples} and
 * {@code serving_examples} (Examples; needed with identifier features). Output {@code skew}
 * (ServingSkew): {@code distribution_skew.json} ({@link DatasetDrift}), with a join also
 * {@code feature_skew.json} ({@link FeatureSkew}) and {@code skew_pairs.jsonl} ({@link SkewPair} per
 * line); properties {@code skew_detected}, {@code skewed_features} and, with a join,
 * {@code pairs_compared} and {@code skewed_pairs}.
 *
 * <pre>{@code
 * ServingSkewReport r = ServingSkew.report(ServingSkew.of()
 *     .withInput(ServingSkew.TRAINING_STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, "stats"))
 *     .withInput(ServingSkew.SERVING_STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, "serving_stats"))
 *     .withOutput(ServingSkew.SKEW, "skew").run().output(ServingSkew.SKEW).uri());
 * }</pre>
 */
public final class ServingSkew implements Component<ServingSkewParameters> {
  public static final String NAME = "ServingSkew";
  public static final String TRAINING_STATISTICS = "training_statistics";
  public static final String SERVING_STATISTICS = "serving_statistics";
  public static final String TRAINING_EXAMPLES = "training_examples";
  public static final String SERVING_EXAMPLES = "serving_examples";
  public static final String SKEW = "skew";
  public static final ArtifactType SERVING_SKEW = new ArtifactType("ServingSkew");

  @Override
  public ComponentSpec<ServingSkewParameters> spec() {
    return ComponentSpec.named(NAME, ServingSkewParameters.defaults())
        .withInput(ChannelSpec.optional(TRAINING_STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withInput(ChannelSpec.optional(SERVING_STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withInput(ChannelSpec.optional(TRAINING_EXAMPLES, ArtifactType.EXAMPLES))
        .withInput(ChannelSpec.optional(SERVING_EXAMPLES, ArtifactType.EXAMPLES))
        .withOutput(SKEW, SERVING_SKEW);
  }

  @Override
  public Executor<ServingSkewParameters> executor() {
    return new ServingSkewExecutor();
  }

  /** A run to add inputs, parameters, Beam options and the output to. */
  public static ComponentRun<ServingSkewParameters> of() {
    return ComponentRun.of(new ServingSkew());
  }

  /** Library shortcut: statistics against statistics, and examples joined on {@code parameters}' identifiers when given. */
  public static ResolvedArtifact run(String trainingStatistics, String servingStatistics, String trainingExamples,
      String servingExamples, String outputUri, ServingSkewParameters parameters) {
    ComponentRun<ServingSkewParameters> run = of().withParameters(parameters).withOutput(SKEW, outputUri);
    if (trainingStatistics != null) {
      run = run.withInput(TRAINING_STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, trainingStatistics))
          .withInput(SERVING_STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, servingStatistics));
    }
    if (trainingExamples != null) {
      run = run.withInput(TRAINING_EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, trainingExamples))
          .withInput(SERVING_EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, servingExamples));
    }
    return run.run().output(SKEW);
  }

  /** Reads what a ServingSkew run wrote. */
  public static ServingSkewReport report(String skewUri) {
    return ServingSkewExecutor.readReport(skewUri);
  }
}
