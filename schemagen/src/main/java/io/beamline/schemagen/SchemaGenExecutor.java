package io.beamline.schemagen;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.InvalidInputException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.core.statistics.StatisticsSplits;
import java.util.List;
import java.util.Map;

/** Infers a schema from one split of the statistics and writes {@code schema.pbtxt}. */
final class SchemaGenExecutor implements Executor<SchemaGenParameters> {
  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<SchemaGenParameters> context) throws Exception {
    SchemaGenParameters p = context.parameters();
    ResolvedArtifact statistics = context.input(SchemaGen.STATISTICS);
    String split = chooseSplit(statistics, p.split());
    DatasetFeatureStatistics stats = StatisticsJson.readSplit(statistics.uri(), split).whole();
    Schema schema = SchemaInference.infer(stats, p);
    SchemaText.writeArtifact(schema, context.outputUri(SchemaGen.SCHEMA));
    return Map.of(SchemaGen.SCHEMA, ArtifactProperties.empty().with(PropertyNames.SPLIT, split)
        .with(PropertyNames.NUM_FEATURES, schema.features().size()));
  }

  static String chooseSplit(ResolvedArtifact statistics, String wanted) {
    List<String> splits = StatisticsSplits.of(statistics);
    if (splits.contains(wanted)) {
      return wanted;
    }
    if (splits.size() == 1) {
      return splits.get(0);
    }
    throw new InvalidInputException("Statistics at " + statistics.uri() + " have no split '" + wanted
        + "' to infer a schema from; splits: " + splits);
  }
}
