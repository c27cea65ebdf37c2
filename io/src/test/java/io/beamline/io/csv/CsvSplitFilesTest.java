package io.beamline.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.Examples;
import io.beamline.io.examples.ExamplesIO;
import io.beamline.io.examples.SplitFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/**
 * CSV read into split files by the step that reads it ({@code asSplitFiles}): each row lands once,
 * in the split its router picks, the files are committed under shard names with their counts, and
 * the rejects, exact types and row count come out beside them.
 */
class CsvSplitFilesTest {
  @TempDir Path tmp;

  private static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  private static final class KeepFn<T> extends DoFn<T, Void> {
    private final String key;

    KeepFn(String key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element T value) {
      SEEN.put(key, value);
    }
  }

  @Test
  void everyRowLandsOnceInTheSplitItsRouterPicks() throws Exception {
    StringBuilder text = new StringBuilder("id,half\n");
    int rows = 5_000;
    for (int i = 0; i < rows; i++) {
      text.append(i).append(',').append(i / 2.0).append('\n');
      if (i == 1_234) {
        text.append("1,2,3\n"); // a row with a field too many: rejected, line 1,237
      }
    }
    Path csv = CsvFixtures.writeCsv(tmp.resolve("in"), "rows.csv", text.toString());
    String uri = tmp.resolve("examples").toString();
    List<String> splits = List.of("even", "odd");
    SplitFiles.Router byParity = (key, example) ->
        (int) (ExampleCoder.parse(example, "test").getFeatures().getFeatureOrThrow("id")
            .getInt64List().getValue(0) % 2);

    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    CsvExamples.Result read = p.apply(CsvExamples.read(csv.toString())
        .asSplitFiles(new SplitFiles(uri, splits, ExamplesLayout.FORMAT_TFRECORD, 1, byParity)));
    String id = tmp.toString();
    for (String split : splits) {
      PCollection<KV<String, Long>> files = read.splitFiles()
          .apply("Files[" + split + "]", Filter.by(f -> f.getKey().equals(split)))
          .apply("Named[" + split + "]", Values.create());
      ExamplesIO.write(uri, split).commitBundleFiles(files)
          .apply("Keep[" + split + "]", ParDo.of(new KeepFn<>(id + split)));
    }
    read.rejectCount().apply("KeepRejects", ParDo.of(new KeepFn<>(id + "rejects")));
    read.exampleCount().apply("KeepRows", ParDo.of(new KeepFn<>(id + "rows")));
    read.exactFeatureTypes().apply("KeepTypes", ParDo.of(new KeepFn<>(id + "types")));
    p.run().waitUntilFinish();

    assertEquals((long) rows, SEEN.get(id + "rows"));
    assertEquals(1L, SEEN.get(id + "rejects"));
    assertEquals(Map.of("id", FeatureType.INT, "half", FeatureType.FLOAT), SEEN.get(id + "types"));
    TreeSet<Long> all = new TreeSet<>();
    for (int s = 0; s < splits.size(); s++) {
      String split = splits.get(s);
      List<Example> examples = Examples.readAll(uri, split);
      assertEquals((long) rows / 2, SEEN.get(id + split), split + " count from the commit");
      assertEquals(rows / 2, examples.size(), split);
      for (Example e : examples) {
        long value = e.getFeatures().getFeatureOrThrow("id").getInt64List().getValue(0);
        assertEquals(s, value % 2, split + " holds " + value);
        assertEquals(value / 2.0f, e.getFeatures().getFeatureOrThrow("half").getFloatList().getValue(0), 0f);
        assertTrue(all.add(value), "row " + value + " twice");
      }
      try (Stream<Path> left = Files.list(tmp.resolve("examples").resolve("Split-" + split))) {
        assertTrue(left.allMatch(f -> f.getFileName().toString().startsWith("data_tfrecord-")),
            split + ": only committed shards are left");
      }
    }
    assertEquals(rows, all.size());
  }
}
