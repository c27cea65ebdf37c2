package io.beamline.io.examples;

import io.beamline.core.component.BeamRuns;

import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

class ExamplesIOWriteTest {
  @TempDir Path dir;

  private static void write(List<Example> examples, ExamplesIO.Write write) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    (examples.isEmpty() ? p.apply(Create.empty(ExampleCoder.of())) : p.apply(Create.of(examples)))
        .apply(write);
    BeamRuns.runToCompletion(p);
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(f -> root.relativize(f).toString())
          .filter(f -> !f.startsWith(".")).sorted().toList();
    }
  }

  @Test
  void tfrecordMatchesTfxLayoutAndReadsBack() throws IOException {
    String uri = dir.toString();
    write(ExampleFixtures.mixed(), ExamplesIO.write(uri, "train").withNumShards(1));
    assertEquals(List.of("Split-train/data_tfrecord-00000-of-00001.gz"), files(dir));
    assertEquals(List.of("train"), Examples.splits(uri));
    assertEquals(sorted(ExampleFixtures.mixed()), sorted(Examples.readAll(uri, "train")));
    List<Example> independent = new ArrayList<>();
    for (byte[] record : independentRead(dir.resolve("Split-train/data_tfrecord-00000-of-00001.gz"))) {
      independent.add(Example.parseFrom(record));
    }
    assertEquals(sorted(ExampleFixtures.mixed()), sorted(independent));
  }

  @Test
  void gzipLevelChangesTheFileSizeNotTheExamples() throws IOException {
    List<Example> examples = ExampleFixtures.numbered(5_000);
    long[] sizes = new long[2];
    int[] levels = {ExamplesIO.DEFAULT_GZIP_LEVEL, 9};
    for (int i = 0; i < levels.length; i++) {
      Path out = dir.resolve("level-" + levels[i]);
      write(examples, ExamplesIO.write(out.toString(), "train").withGzipLevel(levels[i]));
      assertEquals(sorted(examples), sorted(Examples.readAll(out.toString(), "train")));
      try (Stream<Path> files = Files.walk(out.resolve("Split-train"))) {
        for (Path f : files.filter(f -> f.getFileName().toString().startsWith("data_tfrecord-")).toList()) {
          sizes[i] += Files.size(f);
          for (byte[] record : independentRead(f)) {
            Example.parseFrom(record); // a standard gzip reader reads every level
          }
        }
      }
    }
    assertEquals(1, ExamplesIO.DEFAULT_GZIP_LEVEL);
    assertTrue(sizes[1] < sizes[0], "level 9 compresses harder than level 1: " + sizes[1] + " vs " + sizes[0]);
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ExamplesIO.write(dir.toString(), "train").withGzipLevel(0));
    assertEquals("gzip level must be 1 to 9, got 0", e.getMessage());
  }

  @Test
  void parquetMatchesLayoutAndReadsBackEveryValue() throws IOException {
    String uri = dir.toString();
    write(ExampleFixtures.mixed(), ExamplesIO.write(uri, "eval").withFormat(ExamplesLayout.FORMAT_PARQUET)
        .withFeatureTypes(ExampleFixtures.mixedTypes()).withNumShards(1));
    assertEquals(List.of("Split-eval/data_parquet-00000-of-00001.parquet"), files(dir));
    assertEquals(sorted(ExampleFixtures.mixed()), sorted(Examples.readAll(uri, "eval")));
  }

  /** Types known only at run time: a side input computed in the same pipeline as the examples. */
  @Test
  void parquetTypesFromASideInputIncludingAnEmptySplit() throws IOException {
    String uri = dir.toString();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionView<Map<String, FeatureType>> types = p
        .apply("Types", Create.<Map<String, FeatureType>>of(List.of(ExampleFixtures.mixedTypes()))
            .withCoder(MapCoder.of(StringUtf8Coder.of(), SerializableCoder.of(FeatureType.class))))
        .apply("TypesView", View.asSingleton());
    p.apply("Rows", Create.of(ExampleFixtures.mixed()))
        .apply("WriteTrain", ExamplesIO.write(uri, "train").withFormat(ExamplesLayout.FORMAT_PARQUET)
            .withFeatureTypes(types).withNumShards(2));
    p.apply("NoRows", Create.empty(ExampleCoder.of()))
        .apply("WriteEval", ExamplesIO.write(uri, "eval").withFormat(ExamplesLayout.FORMAT_PARQUET)
            .withFeatureTypes(types));
    p.run().waitUntilFinish();
    assertEquals(List.of("Split-eval/data_parquet-00000-of-00001.parquet",
        "Split-train/data_parquet-00000-of-00002.parquet",
        "Split-train/data_parquet-00001-of-00002.parquet"), files(dir));
    assertEquals(sorted(ExampleFixtures.mixed()), sorted(Examples.readAll(uri, "train")));
    assertEquals(List.of(), Examples.readAll(uri, "eval"));
    // the empty split's file carries the side input's columns
    assertEquals(ExampleFixtures.mixedTypes(), PayloadReaders.parquetTypes(
        Examples.payloadFiles(uri, "eval").get(0)));
  }

  @Test
  void shardsAreNamedAndAllRowsReadBack() throws IOException {
    String uri = dir.toString();
    List<Example> examples = ExampleFixtures.numbered(60);
    write(examples, ExamplesIO.write(uri, "train").withNumShards(3));
    write(examples, ExamplesIO.write(uri, "eval").withNumShards(2).withFormat(ExamplesLayout.FORMAT_PARQUET)
        .withFeatureTypes(Map.of("id", FeatureType.INT, "x", FeatureType.FLOAT, "s", FeatureType.BYTES)));
    assertEquals(List.of("Split-eval/data_parquet-00000-of-00002.parquet",
        "Split-eval/data_parquet-00001-of-00002.parquet",
        "Split-train/data_tfrecord-00000-of-00003.gz", "Split-train/data_tfrecord-00001-of-00003.gz",
        "Split-train/data_tfrecord-00002-of-00003.gz"), files(dir));
    assertEquals(List.of("eval", "train"), Examples.splits(uri));
    for (String split : List.of("train", "eval")) {
      List<Example> read = Examples.readAll(uri, split);
      assertEquals(60, read.size());
      assertEquals(new HashSet<>(examples), new HashSet<>(read));
    }
  }

  @Test
  void emptySplitStillExistsInBothFormats() throws IOException {
    String uri = dir.toString();
    write(List.of(), ExamplesIO.write(uri, "empty"));
    write(List.of(), ExamplesIO.write(uri, "none").withFormat(ExamplesLayout.FORMAT_PARQUET)
        .withFeatureTypes(Map.of("a", FeatureType.INT)));
    assertEquals(List.of("Split-empty/data_tfrecord-00000-of-00001.gz",
        "Split-none/data_parquet-00000-of-00001.parquet"), files(dir));
    assertEquals(List.of("empty", "none"), Examples.splits(uri));
    assertEquals(List.of(), Examples.readAll(uri, "empty"));
    assertEquals(List.of(), Examples.readAll(uri, "none"));
    assertEquals(List.of(), independentRead(dir.resolve(files(dir).get(0))));
  }

  @Test
  void corruptedByteGivesChecksumErrorNamingTheFile() throws IOException {
    String uri = dir.toString();
    write(ExampleFixtures.numbered(3), ExamplesIO.write(uri, "train").withNumShards(1));
    Path file = dir.resolve("Split-train/data_tfrecord-00000-of-00001.gz");
    byte[] plain;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      plain = in.readAllBytes();
    }
    plain[20] ^= 0x40; // a payload byte of the first record
    Files.write(file, plain); // plain TFRecord under a .gz name: the reader goes by magic bytes
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Examples.readAll(uri, "train"));
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("record 0: data checksum mismatch: expected masked crc32c"), e.getMessage());
  }

  @Test
  void parquetWithoutTypesAndUnknownFeaturesAreRejected() {
    String uri = dir.toString();
    assertThrows(InvalidParameterException.class, () -> write(ExampleFixtures.mixed(),
        ExamplesIO.write(uri, "x").withFormat(ExamplesLayout.FORMAT_PARQUET)));
    RuntimeException e = assertThrows(RuntimeException.class, () -> write(ExampleFixtures.mixed(),
        ExamplesIO.write(uri, "y").withFormat(ExamplesLayout.FORMAT_PARQUET)
            .withFeatureTypes(Map.of("age", FeatureType.INT))));
    assertTrue(io.beamline.core.component.BeamRuns.unwrap(e).getMessage()
        .contains("not among the Parquet columns [age]"), e.toString());
    assertThrows(InvalidParameterException.class, () -> ExamplesIO.write(uri, "a/b"));
    assertThrows(InvalidParameterException.class, () -> ExamplesIO.write(uri, "a").withFormat("csv"));
  }

  @Test
  void missingSplitIsAClearError() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Examples.read(dir.toString(), "nope"));
    assertTrue(e.getMessage().startsWith("Split 'nope' of " + dir + " has no payload files"), e.getMessage());
  }

  /**
   * A second, minimal TFRecord reader written from the format description (not sharing code with
   * {@link TFRecords}): gunzip, then length (uint64 LE), masked crc32c of the length bytes, payload,
   * masked crc32c of the payload.
   */
  static List<byte[]> independentRead(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    byte[] data;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      data = in.readAllBytes();
    }
    List<byte[]> out = new ArrayList<>();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
    while (in.available() > 0) {
      byte[] len = in.readNBytes(8);
      int lenCrc = Integer.reverseBytes(in.readInt());
      assertEquals(mask(len), lenCrc, "length crc");
      long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
      byte[] payload = in.readNBytes((int) n);
      int dataCrc = Integer.reverseBytes(in.readInt());
      assertEquals(mask(payload), dataCrc, "data crc");
      out.add(payload);
    }
    return out;
  }

  private static int mask(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    long c = crc.getValue();
    long rotated = ((c >> 15) | (c << 17)) & 0xffffffffL;
    return (int) ((rotated + 0xa282ead8L) & 0xffffffffL);
  }

  /** Beam does not keep element order; compare contents in a canonical order. */
  static List<Example> sorted(List<Example> examples) {
    return examples.stream().sorted(Comparator.comparing(Example::toString)).toList();
  }
}
