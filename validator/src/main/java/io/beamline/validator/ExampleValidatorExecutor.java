package io.beamline.validator;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.InvalidInputException;
import io.beamline.core.anomalies.Anomalies;
import io.beamline.core.anomalies.AnomaliesJson;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
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

/** Checks each split's statistics against the schema (and baselines), writing anomalies JSON and HTML per split. */
final class ExampleValidatorExecutor implements Executor<ExampleValidatorParameters> {
  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<ExampleValidatorParameters> context) throws Exception {
    ResolvedArtifact statistics = context.input(ExampleValidator.STATISTICS);
    Schema schema = SchemaText.readArtifact(context.input(ExampleValidator.SCHEMA).uri());
    Optional<ResolvedArtifact> baseline = context.optionalInput(ExampleValidator.BASELINE_STATISTICS);
    Optional<ResolvedArtifact> serving = context.optionalInput(ExampleValidator.SERVING_STATISTICS);
    String out = context.outputUri(ExampleValidator.ANOMALIES);
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
    return Map.of(ExampleValidator.ANOMALIES, ArtifactProperties.empty().with(PropertyNames.SPLIT_NAMES, splits)
        .with(PropertyNames.ANOMALY_COUNT, counts).with(PropertyNames.HAS_ERRORS, errors));
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
}
