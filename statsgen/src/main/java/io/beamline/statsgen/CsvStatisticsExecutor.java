package io.beamline.statsgen;

import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;
import io.beamline.examplegen.CsvExamples;
import io.beamline.examplegen.Reject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * CSV -> row batches -> statistics, in one pipeline: each batch is typed as Arrow straight from
 * the text inside the statistics step (no tf.Examples, no serialized Arrow in between). The column types are guessed from a sample of the input and checked
 * against the exact types the same pass computes: one pass when the sample predicts the types, two
 * when it does not (the first attempt's outputs are deleted; they are still in staging).
 */
final class CsvStatisticsExecutor implements Executor<CsvStatisticsParameters> {
  /** The exact column types of an attempt, written beside the statistics and removed after. */
  static final String TYPES_FILE = "csv-column-types.json";

  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<CsvStatisticsParameters> context) throws IOException {
    CsvStatisticsParameters params = context.parameters();
    String out = context.outputUri(CsvStatistics.STATISTICS);
    String rejectsFile = ArtifactUris.child(out, CsvStatistics.REJECTS_FILE);
    Map<String, FeatureType> given = null;
    for (int pass = 1; ; pass++) {
      Pipeline p = Pipeline.create(context.options());
      CsvExamples.Read read = CsvExamples.read(params.input())
          .withDelimiter(params.delimiter().charAt(0)).asCheckedRowBatches();
      CsvExamples.Result csv = p.apply("ReadCsv", given == null ? read : read.withFeatureTypes(given));
      csv.checkedRowBatches()
          .apply("Statistics[" + CsvStatistics.SPLIT + "]", FeatureStatistics.globallyFromText(
              params.statistics().options(), csv.columns(), csv.featureTypesUsed()))
          .apply("Write[" + CsvStatistics.SPLIT + "]", ParDo.of(StatisticsOutput.jsonWriter(out, CsvStatistics.SPLIT)));
      csv.rejects()
          .apply("RejectLines", MapElements.into(TypeDescriptors.strings()).via(Reject::toJsonLine))
          .apply("WriteRejects", TextIO.write().to(rejectsFile).withoutSharding());
      String typesFile = ArtifactUris.child(out, TYPES_FILE);
      csv.exactFeatureTypes()
          .apply("TypesJson", MapElements.into(TypeDescriptors.strings()).via(CsvStatisticsExecutor::typesJson))
          .apply("WriteTypes", TextIO.write().to(typesFile).withoutSharding());
      BeamRuns.runToCompletion(p);
      Map<String, FeatureType> exact = readTypes(typesFile);
      if (exact.equals(csv.featureTypesUsed())) {
        break;
      }
      if (pass > 1) {
        throw new IllegalStateException("CSV types given as " + csv.featureTypesUsed()
            + " but read as " + exact);
      }
      clear(out); // the sample mispredicted a type: read again with the exact types
      given = exact;
    }

    Map<String, Object> counts = StatisticsOutput.writePages(out, List.of(CsvStatistics.SPLIT));
    return Map.of(CsvStatistics.STATISTICS, ArtifactProperties.empty()
        .with(ExamplesLayout.SPLIT_NAMES, List.of(CsvStatistics.SPLIT))
        .with(StatisticsGen.NUM_EXAMPLES, counts)
        .with(CsvStatistics.REJECT_COUNT, countLines(rejectsFile)));
  }

  private static String typesJson(Map<String, FeatureType> types) {
    Map<String, String> names = new TreeMap<>();
    types.forEach((k, v) -> names.put(k, v.name()));
    return Json.write(names);
  }

  /** Reads and deletes the types file. */
  private static Map<String, FeatureType> readTypes(String file) throws IOException {
    Map<String, FeatureType> types = new TreeMap<>();
    Json.tree(TextFiles.read(file, "Column types file")).fields()
        .forEachRemaining(e -> types.put(e.getKey(), FeatureType.valueOf(e.getValue().asText())));
    FileSystems.delete(List.of(FileSystems.matchSingleFileSpec(file).resourceId()));
    return types;
  }

  /** Deletes every file under {@code dir}. */
  private static void clear(String dir) throws IOException {
    List<ResourceId> files = new ArrayList<>();
    for (MatchResult.Metadata m : FileSystems.match(ArtifactUris.child(dir, "**"),
        EmptyMatchTreatment.ALLOW).metadata()) {
      files.add(m.resourceId());
    }
    FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /** Streams the rejects file to count its lines: it may be large, and it is never held in memory. */
  private static long countLines(String file) throws IOException {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(
        FileSystems.open(FileSystems.matchSingleFileSpec(file).resourceId())), StandardCharsets.UTF_8))) {
      return reader.lines().count();
    }
  }
}
