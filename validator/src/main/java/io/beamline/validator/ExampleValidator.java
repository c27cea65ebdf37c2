package io.beamline.validator;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ResolvedArtifact;

/**
 * The ExampleValidator component: every split's statistics against the schema, and against the
 * baseline (drift) and serving (skew) statistics when bound. Inputs {@code statistics}
 * (ExampleStatistics), {@code schema} (Schema), optional {@code baseline_statistics} and
 * {@code serving_statistics}; output {@code anomalies} (ExampleAnomalies):
 * {@code <uri>/Split-<name>/anomalies.json} and {@code anomalies.html}, with properties
 * {@code split_names}, {@code anomaly_count} (per split) and {@code has_errors}.
 *
 * <p>A baseline or serving artifact is compared split by split: its split of the same name, else its
 * only split, else an error naming the splits it has.
 */
public final class ExampleValidator implements Component<ExampleValidatorParameters> {
  public static final String NAME = "ExampleValidator";
  public static final String STATISTICS = "statistics";
  public static final String SCHEMA = "schema";
  public static final String BASELINE_STATISTICS = "baseline_statistics";
  public static final String SERVING_STATISTICS = "serving_statistics";
  public static final String ANOMALIES = "anomalies";

  @Override
  public ComponentSpec<ExampleValidatorParameters> spec() {
    return ComponentSpec.named(NAME, ExampleValidatorParameters.defaults())
        .withInput(ChannelSpec.required(STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withInput(ChannelSpec.required(SCHEMA, ArtifactType.SCHEMA))
        .withInput(ChannelSpec.optional(BASELINE_STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withInput(ChannelSpec.optional(SERVING_STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withOutput(ANOMALIES, ArtifactType.EXAMPLE_ANOMALIES);
  }

  @Override
  public Executor<ExampleValidatorParameters> executor() {
    return new ExampleValidatorExecutor();
  }

  /** Library shortcut: anomalies of every split, no baseline, default parameters. */
  public static ResolvedArtifact run(String statisticsUri, String schemaUri, String outputUri) {
    return of(statisticsUri, schemaUri).withOutput(ANOMALIES, outputUri).run().output(ANOMALIES);
  }

  /** A run to add baselines, parameters and the output to. */
  public static ComponentRun<ExampleValidatorParameters> of(String statisticsUri, String schemaUri) {
    return ComponentRun.of(new ExampleValidator())
        .withInput(STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, statisticsUri))
        .withInput(SCHEMA, ResolvedArtifact.at(ArtifactType.SCHEMA, schemaUri));
  }
}
