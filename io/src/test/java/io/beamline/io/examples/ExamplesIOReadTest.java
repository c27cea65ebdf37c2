package io.beamline.io.examples;

import io.beamline.core.component.PropertyNames;

import io.beamline.core.examples.ExamplesLayout;

import static io.beamline.io.examples.ExamplesIOWriteTest.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactManifest;
import io.beamline.core.component.ArtifactProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

class ExamplesIOReadTest {
  @TempDir Path dir;

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.create());
  }

  private static void write(String uri, String split, List<Example> examples, String format) {
    Pipeline p = pipeline();
    p.apply(Create.of(examples)).apply(ExamplesIO.write(uri, split).withFormat(format)
        .withFeatureTypes(ExampleFixtures.mixedTypes()).withNumShards(2));
    p.run().waitUntilFinish();
  }

  /** Runs {@code read}, writing each batch's examples to {@code out} and a summary line per batch. */
  private List<String> readBatches(ExamplesIO.Read read, String out) throws IOException {
    Pipeline p = pipeline();
    PCollection<ExampleBatch> batches = p.apply(read);
    batches.apply(FlatMapElements.into(TypeDescriptor.of(Example.class)).via(ExampleBatch::toExamples))
        .apply(ExamplesIO.write(out, "copy").withNumShards(1));
    String summaries = dir.resolve("summary").toString();
    batches.apply(MapElements.into(TypeDescriptors.strings())
            .via(b -> b.rowCount() + " " + b.featureTypes()))
        .apply(TextIO.write().to(summaries).withoutSharding());
    p.run().waitUntilFinish();
    return Files.readAllLines(Path.of(summaries));
  }

  @Test
  void readsBatchesOfBothFormatsWithEveryValue() throws IOException {
    for (String format : List.of(ExamplesLayout.FORMAT_TFRECORD, ExamplesLayout.FORMAT_PARQUET)) {
      String uri = dir.resolve(format).toString();
      String out = dir.resolve(format + "-out").toString();
      write(uri, "train", ExampleFixtures.mixed(), format);
      List<String> summaries = readBatches(ExamplesIO.read(uri, "train")
          .withFeatureTypes(ExampleFixtures.mixedTypes()).withBatchSize(2), out);
      assertEquals(5, summaries.stream().mapToInt(s -> Integer.parseInt(s.split(" ")[0])).sum(), format);
      assertTrue(summaries.stream().allMatch(s -> s.startsWith("1 ") || s.startsWith("2 ")), summaries::toString);
      assertTrue(summaries.stream().allMatch(s -> s.endsWith("{age=INT, fare=FLOAT, tags=BYTES}")),
          summaries::toString);
      assertEquals(sorted(ExampleFixtures.mixed()), sorted(Examples.readAll(out, "copy")), format);
    }
  }

  @Test
  void typesComeFromTheManifestWhenNotGiven() throws IOException {
    String uri = dir.resolve("in").toString();
    Pipeline p = pipeline();
    List<Example> onlyAge = List.of(ExampleFixtures.example(Map.of("age", ExampleFixtures.ints(1))));
    p.apply(Create.of(onlyAge)).apply(ExamplesIO.write(uri, "train"));
    p.run().waitUntilFinish();
    new ArtifactManifest("Examples", ArtifactProperties.empty()
        .with(PropertyNames.FEATURE_TYPES, Map.of("age", "FLOAT", "name", "BYTES"))).write(uri);
    List<String> summaries = readBatches(ExamplesIO.read(uri, "train"), dir.resolve("out").toString());
    assertEquals(List.of("1 {age=FLOAT, name=BYTES}"), summaries);
    assertEquals(List.of(ExampleFixtures.example(Map.of("age", ExampleFixtures.floats(1f)))),
        Examples.readAll(dir.resolve("out").toString(), "copy"));
  }

  @Test
  void readExamplesReadsBothFormats() throws IOException {
    for (String format : List.of(ExamplesLayout.FORMAT_TFRECORD, ExamplesLayout.FORMAT_PARQUET)) {
      String uri = dir.resolve(format).toString();
      String out = dir.resolve(format + "-out").toString();
      write(uri, "eval", ExampleFixtures.mixed(), format);
      Pipeline p = pipeline();
      p.apply(ExamplesIO.readExamples(uri, "eval")).apply(ExamplesIO.write(out, "copy"));
      p.run().waitUntilFinish();
      assertEquals(sorted(ExampleFixtures.mixed()), sorted(Examples.readAll(out, "copy")), format);
    }
  }

  @Test
  void payloadFilesReadOneByOneGiveTheWholeSplitInEitherFormat() {
    for (String format : List.of(ExamplesLayout.FORMAT_TFRECORD, ExamplesLayout.FORMAT_PARQUET)) {
      String uri = dir.resolve("files-" + format).toString();
      write(uri, "eval", ExampleFixtures.mixed(), format);
      List<String> files = Examples.payloadFileUris(uri, "eval");
      assertEquals(2, files.size(), format);
      assertTrue(files.get(0).endsWith("-00000-of-00002" + (format.equals(ExamplesLayout.FORMAT_PARQUET)
          ? ExamplesLayout.PARQUET_SUFFIX : ".gz")), files::toString);
      List<Example> all = new ArrayList<>();
      for (String file : files) {
        assertEquals(format.equals(ExamplesLayout.FORMAT_PARQUET), Examples.isParquetFile(file), file);
        try (CloseableIterator<Example> it = Examples.isParquetFile(file)
            ? Examples.readParquetFile(file) : Examples.readTfRecordFile(file)) {
          it.forEachRemaining(all::add);
        }
      }
      assertEquals(Examples.readAll(uri, "eval"), all, format);
      assertEquals(sorted(ExampleFixtures.mixed()), sorted(all), format);
    }
    assertThrows(io.beamline.core.InvalidInputException.class,
        () -> Examples.payloadFileUris(dir.resolve("none").toString(), "eval"));
  }

  @Test
  void batchesIteratorCutsEveryNAndKeepsOrder() {
    String uri = dir.toString();
    Pipeline p = pipeline();
    p.apply(Create.of(ExampleFixtures.numbered(60))).apply(ExamplesIO.write(uri, "train").withNumShards(1));
    p.run().waitUntilFinish();
    List<Integer> sizes = new ArrayList<>();
    List<Example> all = new ArrayList<>();
    try (CloseableIterator<ExampleBatch> it = Examples.batches(uri, "train", 25)) {
      it.forEachRemaining(b -> {
        sizes.add(b.rowCount());
        all.addAll(b.toExamples());
      });
    }
    assertEquals(List.of(25, 25, 10), sizes);
    assertEquals(Examples.readAll(uri, "train"), all);
    assertThrows(InvalidParameterException.class, () -> Examples.batches(uri, "train", 0));
    assertThrows(InvalidParameterException.class, () -> ExamplesIO.read(uri, "train").withBatchSize(0));
  }

  @Test
  void emptySplitReadsAsNoBatches() throws IOException {
    String uri = dir.resolve("in").toString();
    Pipeline p = pipeline();
    p.apply(Create.empty(ExampleCoder.of())).apply(ExamplesIO.write(uri, "train"));
    p.run().waitUntilFinish();
    try (CloseableIterator<ExampleBatch> it = Examples.batches(uri, "train", 10)) {
      assertTrue(!it.hasNext());
    }
    List<String> summaries = readBatches(ExamplesIO.read(uri, "train"), dir.resolve("out").toString());
    assertEquals(List.of(), summaries);
    try (Stream<Path> files = Files.list(dir.resolve("out/Split-copy"))) {
      assertEquals(1, files.count());
    }
  }
}
