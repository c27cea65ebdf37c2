package io.beamline.statsgen;

import io.beamline.io.files.LineFile;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.examples.FeatureType;
import io.beamline.io.csv.CsvExamples;
import io.beamline.io.csv.Reject;
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
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV -> statistics, in one pipeline: the input's files are cut into parts, and one step reads
 * each part and parses each cell once, with its column's type, straight into the accumulators (no
 * tf.Examples, no Arrow, no row batches between steps: {@link CsvPartStatistics}). The column types are
 * guessed from a sample of the input; a cell that does not fit its guessed type stops the run
 * ({@link CsvTypeMismatch}), a second pipeline computes the exact types, and a third computes the
 * statistics with them. So one pass when a sample predicts the types (nearly always), and no pass
 * spends time checking kinds the parse checks anyway.
 */
final class CsvStatisticsExecutor implements Executor<CsvStatisticsParameters> {
  private static final Logger LOG = LoggerFactory.getLogger(CsvStatisticsExecutor.class);
  /** The exact column types, written beside the statistics by the types pass and removed after. */
  static final String TYPES_FILE = "csv-column-types.json";
  /** Rows of the sample the types are guessed from; 0 for CsvExamples' default. */
  private final int sampleRows;

  CsvStatisticsExecutor(int sampleRows) {
    this.sampleRows = sampleRows;
  }

  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<CsvStatisticsParameters> context) throws IOException {
    CsvStatisticsParameters params = context.parameters();
    String out = context.outputUri(CsvStatistics.STATISTICS);
    String rejectsFile = ArtifactUris.child(out, CsvStatistics.REJECTS_FILE);
    try {
      computeStatistics(context, null, out, rejectsFile);
    } catch (CsvTypeMismatch e) {
      LOG.info("The column types guessed from a sample do not fit every row ({}); reading the exact types",
          e.getMessage());
      clear(out);
      Map<String, FeatureType> exact = exactTypes(context, out);
      clear(out);
      computeStatistics(context, exact, out, rejectsFile);
    }

    Map<String, Object> counts = StatisticsOutput.writePages(out, List.of(CsvStatistics.SPLIT));
    return Map.of(CsvStatistics.STATISTICS, ArtifactProperties.empty()
        .with(PropertyNames.SPLIT_NAMES, List.of(CsvStatistics.SPLIT))
        .with(StatisticsGen.NUM_EXAMPLES, counts)
        .with(CsvStatistics.REJECT_COUNT, countLines(rejectsFile)));
  }

  /** The statistics pass: with the given types, or (null) a guess from a sample. */
  private void computeStatistics(ExecutorContext<CsvStatisticsParameters> context,
      Map<String, FeatureType> types, String out, String rejectsFile) {
    CsvStatisticsParameters params = context.parameters();
    Pipeline p = Pipeline.create(context.options());
    PCollectionTuple csv = p.apply("Statistics[" + CsvStatistics.SPLIT + "]",
        new CsvPartStatistics(read(params, types).resolve(), params.statistics()));
    csv.get(CsvPartStatistics.STATISTICS)
        .apply("Write[" + CsvStatistics.SPLIT + "]", ParDo.of(StatisticsOutput.jsonWriter(out, CsvStatistics.SPLIT)));
    csv.get(CsvPartStatistics.REJECTS)
        .apply("RejectLines", MapElements.into(TypeDescriptors.strings()).via(Reject::toJsonLine))
        .apply("WriteRejects", LineFile.to(rejectsFile));
    BeamRuns.runToCompletion(p);
  }

  /** The types pass: every cell's kind, combined into each column's exact type. */
  private Map<String, FeatureType> exactTypes(ExecutorContext<CsvStatisticsParameters> context, String out)
      throws IOException {
    Pipeline p = Pipeline.create(context.options());
    CsvExamples.Result csv = p.apply("ReadCsv", read(context.parameters(), null).asCheckedRowBatches());
    String typesFile = ArtifactUris.child(out, TYPES_FILE);
    csv.exactFeatureTypes()
        .apply("TypesJson", MapElements.into(TypeDescriptors.strings()).via(CsvStatisticsExecutor::typesJson))
        .apply("WriteTypes", LineFile.to(typesFile));
    BeamRuns.runToCompletion(p);
    return readTypes(typesFile);
  }

  private CsvExamples.Read read(CsvStatisticsParameters params, Map<String, FeatureType> types) {
    CsvExamples.Read read = CsvExamples.read(params.input()).withDelimiter(params.delimiter().charAt(0));
    if (sampleRows > 0) {
      read = read.withSampleRows(sampleRows);
    }
    return types == null ? read : read.withFeatureTypes(types);
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
    for (MatchResult.Metadata m : FileSystems.match(ArtifactUris.childGlob(dir, "**"),
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
