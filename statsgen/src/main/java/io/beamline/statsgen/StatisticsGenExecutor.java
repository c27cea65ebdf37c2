package io.beamline.statsgen;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.io.examples.Examples;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * Runs StatisticsGen: one Beam pipeline with, per split, payload files -> statistics read and
 * computed in one step ({@link SplitStatistics}: the whole split, then its slices, if any) -> write
 * {@code Split-<name>/FeatureStats.json} and the whole split's sketches
 * ({@code Split-<name>/FeatureSketches.json}); then one HTML page per split that shows every split (whole)
 * side by side.
 */
final class StatisticsGenExecutor implements Executor<StatisticsGenParameters> {
  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<StatisticsGenParameters> context) {
    ResolvedArtifact examples = context.input(StatisticsGen.EXAMPLES);
    String out = context.outputUri(StatisticsGen.STATISTICS);
    List<String> splits = splits(context.parameters(), examples);
    StatisticsOptions options = context.parameters().statistics();

    Pipeline p = Pipeline.create(context.options());
    for (String split : splits) {
      p.apply("Statistics[" + split + "]", new SplitStatistics(examples.uri(), split, options))
          .apply("Write[" + split + "]", ParDo.of(StatisticsOutput.jsonWriter(out, split)));
    }
    BeamRuns.runToCompletion(p);
    Map<String, Object> counts = StatisticsOutput.writePages(out, splits);
    ArtifactProperties properties = ArtifactProperties.empty()
        .with(PropertyNames.SPLIT_NAMES, splits)
        .with(StatisticsGen.NUM_EXAMPLES, counts);
    // The span travels with the statistics, so a history of statistics is ordered by span in one query.
    if (examples.properties().has(PropertyNames.SPAN)) {
      properties = properties.with(PropertyNames.SPAN, examples.properties().getLong(PropertyNames.SPAN));
    }
    return Map.of(StatisticsGen.STATISTICS, properties);
  }

  /** The requested splits, else those the Examples artifact declares, else those on disk. */
  private static List<String> splits(StatisticsGenParameters parameters, ResolvedArtifact examples) {
    List<String> available = examples.properties().has(PropertyNames.SPLIT_NAMES)
        ? examples.properties().getStringList(PropertyNames.SPLIT_NAMES)
        : Examples.splits(examples.uri());
    if (available.isEmpty()) {
      throw new InvalidParameterException(StatisticsGen.NAME + ": the Examples at " + examples.uri()
          + " have no splits (no Split-<name> directories with data files)");
    }
    if (parameters.splitNames().isEmpty()) {
      return available;
    }
    for (String split : parameters.splitNames()) {
      if (!available.contains(split)) {
        throw new InvalidParameterException(StatisticsGen.NAME + ": split '" + split
            + "' is not in the Examples at " + examples.uri() + "; splits there: " + available);
      }
    }
    return parameters.splitNames();
  }
}
