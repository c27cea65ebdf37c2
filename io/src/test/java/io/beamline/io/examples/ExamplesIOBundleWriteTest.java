package io.beamline.io.examples;

import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/** The default write (runner-decided sharding): a file per bundle, renamed to shard names at the end. */
class ExamplesIOBundleWriteTest {
  private static final Pattern TFRECORD = Pattern.compile("data_tfrecord-(\\d{5})-of-(\\d{5})\\.gz");
  private static final Pattern PARQUET = Pattern.compile("data_parquet-(\\d{5})-of-(\\d{5})\\.parquet");

  @TempDir Path dir;

  /** Writes the parts as separate Create steps flattened together: at least one bundle each. */
  private static void write(List<List<Example>> parts, ExamplesIO.Write write) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(rows(parts)).apply(write);
    p.run().waitUntilFinish();
  }

  private static PTransform<PBegin, PCollection<Example>> rows(List<List<Example>> parts) {
    return new PTransform<>() {
      @Override
      public PCollection<Example> expand(PBegin begin) {
        List<PCollection<Example>> pcs = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
          List<Example> part = parts.get(i);
          pcs.add(begin.apply("Part" + i, part.isEmpty() ? Create.empty(ExampleCoder.of()) : Create.of(part)));
        }
        return PCollectionList.of(pcs).apply(Flatten.pCollections());
      }
    };
  }

  /** The split's file names, hidden ones included, sorted. */
  private List<String> splitFiles(String split) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("Split-" + split))) {
      return s.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** Checks the names are exactly shard 0..N-1 of N and returns N. */
  private static int checkShardNames(List<String> names, Pattern pattern) {
    for (int i = 0; i < names.size(); i++) {
      Matcher m = pattern.matcher(names.get(i));
      assertTrue(m.matches(), names.get(i) + " in " + names);
      assertEquals(i, Integer.parseInt(m.group(1)), names.toString());
      assertEquals(names.size(), Integer.parseInt(m.group(2)), names.toString());
    }
    return names.size();
  }

  private static Map<Example, Long> multiset(List<Example> examples) {
    return examples.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static List<Example> independentReadAll(Path splitDir, List<String> names) throws IOException {
    List<Example> out = new ArrayList<>();
    for (String name : names) {
      for (byte[] record : ExamplesIOWriteTest.independentRead(splitDir.resolve(name))) {
        out.add(Example.parseFrom(record));
      }
    }
    return out;
  }

  /** Three parts, with duplicates within and across parts: the multiset must come back exactly. */
  private static List<List<Example>> partsWithDuplicates() {
    List<Example> a = new ArrayList<>(ExampleFixtures.numbered(40));
    a.add(a.get(3));
    List<Example> b = new ArrayList<>(ExampleFixtures.mixed());
    b.addAll(ExampleFixtures.mixed());
    List<Example> c = ExampleFixtures.numbered(25);
    return List.of(a, b, c);
  }

  @Test
  void runnerDecidedTfrecordShardsAreNamedAndHoldExactlyTheInput() throws IOException {
    String uri = dir.toString();
    List<List<Example>> parts = partsWithDuplicates();
    List<Example> all = parts.stream().flatMap(List::stream).toList();
    write(parts, ExamplesIO.write(uri, "train"));
    List<String> names = splitFiles("train");
    int n = checkShardNames(names, TFRECORD);
    assertTrue(n >= 2, "expected a file per bundle, got " + names);
    assertEquals(multiset(all), multiset(Examples.readAll(uri, "train")));
    assertEquals(multiset(all), multiset(independentReadAll(dir.resolve("Split-train"), names)));
    assertEquals(all.size(), Examples.readAll(uri, "train").size());
  }

  @Test
  void emptyInputGivesOneValidEmptyFileInBothFormats() throws IOException {
    String uri = dir.toString();
    write(List.of(List.of()), ExamplesIO.write(uri, "empty"));
    write(List.of(List.of(), List.of()), ExamplesIO.write(uri, "none")
        .withFormat(ExamplesLayout.FORMAT_PARQUET).withFeatureTypes(ExampleFixtures.mixedTypes()));
    assertEquals(List.of("data_tfrecord-00000-of-00001.gz"), splitFiles("empty"));
    assertEquals(List.of("data_parquet-00000-of-00001.parquet"), splitFiles("none"));
    assertEquals(List.of(), ExamplesIOWriteTest.independentRead(dir.resolve("Split-empty/data_tfrecord-00000-of-00001.gz")));
    assertEquals(List.of(), Examples.readAll(uri, "empty"));
    assertEquals(List.of(), Examples.readAll(uri, "none"));
    assertEquals(ExampleFixtures.mixedTypes(), PayloadReaders.parquetTypes(Examples.payloadFiles(uri, "none").get(0)));
    assertEquals(List.of("empty", "none"), Examples.splits(uri));
  }

  /**
   * A {@code .tmp-*} file left in the split directory (e.g. by a failed bundle attempt) holds valid
   * records: readers must skip it, and the write must delete it, not rename it into the split.
   */
  @Test
  void leftoverTempFilesAreNeitherReadNorRenamed() throws IOException {
    String uri = dir.toString();
    Path splitDir = Files.createDirectories(dir.resolve("Split-train"));
    List<Example> stale = ExampleFixtures.numbered(7);
    writeTfRecord(splitDir.resolve(".tmp-leftover-before"), stale);
    List<List<Example>> parts = partsWithDuplicates();
    List<Example> all = parts.stream().flatMap(List::stream).toList();
    write(parts, ExamplesIO.write(uri, "train"));
    List<String> names = splitFiles("train");
    checkShardNames(names, TFRECORD);
    assertEquals(multiset(all), multiset(Examples.readAll(uri, "train")));

    // One left after the write (as a crash would leave it) is not read, by any reader.
    writeTfRecord(splitDir.resolve(".tmp-leftover-after"), stale);
    writeTfRecord(dir.resolve("Split-ghost").resolve(".tmp-only"), stale);
    assertEquals(multiset(all), multiset(Examples.readAll(uri, "train")));
    assertEquals(List.of("train"), Examples.splits(uri));
    // the pipeline readers too: copy through each into another artifact and compare
    String copy = dir.resolve("copy").toString();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply("ReadExamples", ExamplesIO.readExamples(uri, "train"))
        .apply("WriteExamples", ExamplesIO.write(copy, "examples"));
    p.apply("ReadBatches", ExamplesIO.read(uri, "train"))
        .apply(FlatMapElements.into(TypeDescriptor.of(Example.class)).via(ExampleBatch::toExamples))
        .apply("WriteBatches", ExamplesIO.write(copy, "batches"));
    p.run().waitUntilFinish();
    assertEquals(multiset(all), multiset(Examples.readAll(copy, "examples")));
    assertEquals(multiset(all), multiset(Examples.readAll(copy, "batches")));
    assertFalse(names.contains(".tmp-leftover-before"));
  }

  @Test
  void runnerDecidedParquetWithTypesAsMapOrSideInput() throws IOException {
    String uri = dir.toString();
    List<List<Example>> parts = partsWithDuplicates();
    List<Example> all = parts.stream().flatMap(List::stream).toList();
    Map<String, FeatureType> types = Map.of("id", FeatureType.INT, "x", FeatureType.FLOAT,
        "s", FeatureType.BYTES, "age", FeatureType.INT, "fare", FeatureType.FLOAT, "tags", FeatureType.BYTES);
    write(parts, ExamplesIO.write(uri, "train").withFormat(ExamplesLayout.FORMAT_PARQUET).withFeatureTypes(types));

    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionView<Map<String, FeatureType>> view = p
        .apply("Types", Create.<Map<String, FeatureType>>of(List.of(types))
            .withCoder(MapCoder.of(StringUtf8Coder.of(), SerializableCoder.of(FeatureType.class))))
        .apply("TypesView", View.asSingleton());
    p.apply(rows(parts)).apply(ExamplesIO.write(uri, "eval").withFormat(ExamplesLayout.FORMAT_PARQUET)
        .withFeatureTypes(view));
    p.run().waitUntilFinish();

    for (String split : List.of("train", "eval")) {
      List<String> names = splitFiles(split);
      assertTrue(checkShardNames(names, PARQUET) >= 2, names.toString());
      assertEquals(multiset(all), multiset(Examples.readAll(uri, split)), split);
      assertEquals(types, PayloadReaders.parquetTypes(Examples.payloadFiles(uri, split).get(0)));
    }
  }

  /** Windowed input (e.g. from a streaming-style source) is written whole, into one set of shards. */
  @Test
  void windowedInputIsWrittenWhole() throws IOException {
    String uri = dir.toString();
    List<Example> examples = ExampleFixtures.numbered(30);
    List<TimestampedValue<Example>> stamped = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      stamped.add(TimestampedValue.of(examples.get(i), new Instant(i * 60_000L)));
    }
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.timestamped(stamped))
        .apply(Window.into(FixedWindows.of(Duration.standardMinutes(5))))
        .apply(ExamplesIO.write(uri, "train"));
    p.run().waitUntilFinish();
    checkShardNames(splitFiles("train"), TFRECORD);
    assertEquals(multiset(examples), multiset(Examples.readAll(uri, "train")));
  }

  private static void writeTfRecord(Path file, List<Example> examples) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (Example e : examples) {
        TFRecords.write(out, ExampleCoder.serialize(e));
      }
    }
  }
}
