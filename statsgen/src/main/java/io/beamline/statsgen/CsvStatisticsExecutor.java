package io.beamline.statsgen;

import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.examples.ExampleBatch;
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
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.tensorflow.proto.Example;

/** CSV -> typed tf.Examples (ExampleGen's reader) -> Arrow batches -> statistics, in one pipeline. */
final class CsvStatisticsExecutor implements Executor<CsvStatisticsParameters> {
  static final int BATCH_SIZE = 1024;

  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<CsvStatisticsParameters> context) throws IOException {
    CsvStatisticsParameters params = context.parameters();
    String out = context.outputUri(CsvStatistics.STATISTICS);
    String rejectsFile = ArtifactUris.child(out, CsvStatistics.REJECTS_FILE);

    Pipeline p = Pipeline.create(context.options());
    CsvExamples.Result csv = p.apply("ReadCsv",
        CsvExamples.read(params.input()).withDelimiter(params.delimiter().charAt(0)));
    csv.examples()
        .apply("Batch", ParDo.of(new BatchFn(csv.featureTypes())).withSideInputs(csv.featureTypes()))
        .apply("Statistics[" + CsvStatistics.SPLIT + "]",
            FeatureStatistics.globallyWithSlices(params.statistics().options()))
        .apply("Write[" + CsvStatistics.SPLIT + "]", ParDo.of(StatisticsOutput.jsonWriter(out, CsvStatistics.SPLIT)));
    csv.rejects()
        .apply("RejectLines", MapElements.into(TypeDescriptors.strings()).via(Reject::toJsonLine))
        .apply("WriteRejects", TextIO.write().to(rejectsFile).withoutSharding());
    BeamRuns.runToCompletion(p);

    Map<String, Object> counts = StatisticsOutput.writePages(out, List.of(CsvStatistics.SPLIT));
    return Map.of(CsvStatistics.STATISTICS, ArtifactProperties.empty()
        .with(ExamplesLayout.SPLIT_NAMES, List.of(CsvStatistics.SPLIT))
        .with(StatisticsGen.NUM_EXAMPLES, counts)
        .with(CsvStatistics.REJECT_COUNT, countLines(rejectsFile)));
  }

  /** Streams the rejects file to count its lines: it may be large, and it is never held in memory. */
  private static long countLines(String file) throws IOException {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(
        FileSystems.open(FileSystems.matchSingleFileSpec(file).resourceId())), StandardCharsets.UTF_8))) {
      return reader.lines().count();
    }
  }

  /** Groups examples into Arrow batches of the final (whole-input) feature types. */
  static final class BatchFn extends DoFn<Example, ExampleBatch> {
    private final PCollectionView<Map<String, FeatureType>> typesView;
    private transient List<Example> buffer;
    private transient Map<String, FeatureType> types;

    BatchFn(PCollectionView<Map<String, FeatureType>> typesView) {
      this.typesView = typesView;
    }

    @StartBundle
    public void start() {
      buffer = new ArrayList<>(BATCH_SIZE);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      // The side input is read here: @FinishBundle cannot read it, so the last seen value is kept.
      types = c.sideInput(typesView);
      buffer.add(c.element());
      if (buffer.size() >= BATCH_SIZE) {
        c.output(ExampleBatch.fromExamples(buffer, types));
        buffer = new ArrayList<>(BATCH_SIZE);
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      if (!buffer.isEmpty()) {
        c.output(ExampleBatch.fromExamples(buffer, types), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        buffer = new ArrayList<>(BATCH_SIZE);
      }
    }
  }
}
