package io.beamline.statsgen;

import io.beamline.core.component.ArtifactUris;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.StatisticsHtml;
import io.beamline.core.statistics.FeatureSketches;
import io.beamline.core.statistics.StatisticsJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Writes an ExampleStatistics artifact: {@code Split-<name>/FeatureStats.json} from the pipeline,
 * then one {@code FeatureStats.html} per split showing every split side by side. Shared by every
 * executor that produces statistics, so the artifact looks the same whatever it was computed from.
 */
final class StatisticsOutput {
  private StatisticsOutput() {}

  /**
   * A DoFn writing the one output it receives: the statistics to {@code Split-<split>/FeatureStats.json}
   * and the sketches to {@code Split-<split>/FeatureSketches.json}.
   */
  static DoFn<SplitOutput, Void> jsonWriter(String statisticsUri, String split) {
    return new WriteJson(StatisticsJson.splitFile(statisticsUri, split), FeatureSketches.splitFile(statisticsUri, split));
  }

  /** Renders the HTML page of every split; returns the examples per split. */
  static Map<String, Object> writePages(String statisticsUri, List<String> splits) {
    Map<String, DatasetFeatureStatisticsList> all = new LinkedHashMap<>();
    Map<String, DatasetFeatureStatistics> bySplit = new LinkedHashMap<>();
    Map<String, Object> counts = new LinkedHashMap<>();
    for (String split : splits) {
      DatasetFeatureStatisticsList stats = StatisticsJson.readSplit(statisticsUri, split);
      all.put(split, stats);
      bySplit.put(split, stats.whole());
      counts.put(split, stats.whole().numExamples());
    }
    for (String split : splits) {
      List<DatasetFeatureStatistics> slices = all.get(split).datasets().subList(1, all.get(split).datasets().size());
      StatisticsJson.writeText(StatisticsHtml.render(split, bySplit, slices),
          ArtifactUris.child(ExamplesLayout.splitDir(statisticsUri, split), StatisticsJson.HTML_FILE_NAME),
          "text/html");
    }
    return counts;
  }

  private static final class WriteJson extends DoFn<SplitOutput, Void> {
    private final String fileUri;
    private final String sketchesUri;

    WriteJson(String fileUri, String sketchesUri) {
      this.fileUri = fileUri;
      this.sketchesUri = sketchesUri;
    }

    @ProcessElement
    public void process(@Element SplitOutput output) {
      StatisticsJson.writeText(StatisticsJson.toJson(output.statistics()), fileUri, MimeTypes.TEXT);
      FeatureSketches.write(output.sketches(), sketchesUri);
    }
  }
}
