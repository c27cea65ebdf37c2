package io.beamline.validator;

import io.beamline.core.InvalidInputException;
import io.beamline.core.anomalies.Anomalies;
import io.beamline.core.anomalies.AnomaliesJson;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.core.statistics.StatisticsSplits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.util.MimeTypes;

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
public final class ExampleValidator implements Component<ValidatorParameters> {
  public static final String NAME = "ExampleValidator";
  public static final String STATISTICS = "statistics";
  public static final String SCHEMA = "schema";
  public static final String BASELINE_STATISTICS = "baseline_statistics";
  public static final String SERVING_STATISTICS = "serving_statistics";
  public static final String ANOMALIES = "anomalies";

  @Override
  public ComponentSpec<ValidatorParameters> spec() {
    return ComponentSpec.named(NAME, ValidatorParameters.defaults())
        .withInput(ChannelSpec.required(STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withInput(ChannelSpec.required(SCHEMA, ArtifactType.SCHEMA))
        .withInput(ChannelSpec.optional(BASELINE_STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withInput(ChannelSpec.optional(SERVING_STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withOutput(ANOMALIES, ArtifactType.EXAMPLE_ANOMALIES);
  }

  @Override
  public Executor<ValidatorParameters> executor() {
    return context -> {
      ResolvedArtifact statistics = context.input(STATISTICS);
      Schema schema = SchemaText.readArtifact(context.input(SCHEMA).uri());
      Optional<ResolvedArtifact> baseline = context.optionalInput(BASELINE_STATISTICS);
      Optional<ResolvedArtifact> serving = context.optionalInput(SERVING_STATISTICS);
      String out = context.outputUri(ANOMALIES);
      List<String> splits = StatisticsSplits.of(statistics);
      Map<String, Object> counts = new LinkedHashMap<>();
      boolean errors = false;
      for (String split : splits) {
        DatasetFeatureStatistics stats = StatisticsJson.readSplit(statistics.uri(), split).whole();
        Validation v = Validation.of(stats).against(schema).withParameters(context.parameters());
        if (baseline.isPresent()) {
          v = v.withBaseline(matching(baseline.get(), split));
        }
        if (serving.isPresent()) {
          v = v.withServing(matching(serving.get(), split));
        }
        Anomalies anomalies = v.run();
        AnomaliesJson.write(anomalies, AnomaliesJson.splitFile(out, split));
        StatisticsJson.writeText(AnomaliesHtml.render(split, anomalies), ArtifactUris.child(
            ArtifactUris.child(out, ExamplesLayout.SPLIT_PREFIX + split), AnomaliesJson.HTML_FILE_NAME),
            MimeTypes.TEXT);
        counts.put(split, (long) anomalies.all().size());
        errors |= anomalies.hasErrors();
      }
      return Map.of(ANOMALIES, ArtifactProperties.empty().with("split_names", splits)
          .with("anomaly_count", counts).with("has_errors", errors));
    };
  }

  private static DatasetFeatureStatistics matching(ResolvedArtifact other, String split) {
    List<String> splits = StatisticsSplits.of(other);
    if (splits.contains(split)) {
      return StatisticsJson.readSplit(other.uri(), split).whole();
    }
    if (splits.size() == 1) {
      return StatisticsJson.readSplit(other.uri(), splits.get(0)).whole();
    }
    throw new InvalidInputException("Statistics at " + other.uri() + " have no split '" + split
        + "' to compare with; splits: " + splits);
  }

  /** Library shortcut: anomalies of every split, no baseline, default parameters. */
  public static ResolvedArtifact run(String statisticsUri, String schemaUri, String outputUri) {
    return of(statisticsUri, schemaUri).withOutput(ANOMALIES, outputUri).run().output(ANOMALIES);
  }

  /** A run to add baselines, parameters and the output to. */
  public static ComponentRun<ValidatorParameters> of(String statisticsUri, String schemaUri) {
    return ComponentRun.of(new ExampleValidator())
        .withInput(STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, statisticsUri))
        .withInput(SCHEMA, ResolvedArtifact.at(ArtifactType.SCHEMA, schemaUri));
  }
}
