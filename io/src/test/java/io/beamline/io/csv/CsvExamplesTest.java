package io.beamline.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.examples.FeatureType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/** The CSV ingest as a plain transform: examples, types, rejects and counts, and nothing written. */
class CsvExamplesTest {
  @TempDir Path tmp;

  private static Feature i(long v) {
    return Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(v)).build();
  }

  private static Feature f(float v) {
    return Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(v)).build();
  }

  private static Feature s(String v) {
    return Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(ByteString.copyFromUtf8(v))).build();
  }

  private static Example ex(Map<String, Feature> features) {
    return Example.newBuilder().setFeatures(Features.newBuilder().putAllFeature(features)).build();
  }

  /**
   * What the pipeline produced, gathered in this JVM (the DirectRunner runs here): Beam's PAssert
   * would need hamcrest, which the project does not otherwise use.
   */
  private static final Map<String, Queue<Object>> SEEN = new ConcurrentHashMap<>();

  /** Adds each element under {@code key} in {@link #SEEN}. */
  private static final class CollectFn<T> extends DoFn<T, Void> {
    private final String key;

    CollectFn(String key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element T element) {
      SEEN.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(element);
    }
  }

  /** Adds the side input's value under {@code key}, once. */
  private static final class ViewValueFn extends DoFn<Integer, Void> {
    private final String key;
    private final PCollectionView<Map<String, FeatureType>> view;

    ViewValueFn(String key, PCollectionView<Map<String, FeatureType>> view) {
      this.key = key;
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      SEEN.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(c.sideInput(view));
    }
  }

  /** Each Arrow batch's rows as examples. */
  private static final class BatchExamplesFn extends DoFn<io.beamline.io.examples.ExampleBatch, Example> {
    @ProcessElement
    public void process(@Element io.beamline.io.examples.ExampleBatch b, OutputReceiver<Example> out) {
      b.toExamples().forEach(out::output);
    }
  }

  private static <T> void collect(PCollection<T> values, String key) {
    values.apply("Collect[" + key + "]", ParDo.of(new CollectFn<>(key)));
  }

  private static Set<Object> seen(String key) {
    return new HashSet<>(SEEN.getOrDefault(key, new ConcurrentLinkedQueue<>()));
  }

  private static List<Path> filesUnder(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void twoFilesGiveTypedExamplesRejectsAndCountsAndWriteNothing() throws Exception {
    Path in = tmp.resolve("in");
    // column 'x' is an INT in a.csv and only the second file makes it FLOAT: types are global
    CsvFixtures.writeCsv(in, "a.csv", "id;x;name\n1;2;\"semi;colon\"\n2;;plain\n");
    Path b = CsvFixtures.writeCsv(in, "b.csv", "id;x;name\n3;0.5;\n4;1\n5;7;z\n");
    List<Path> before = filesUnder(tmp);

    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    CsvExamples.Result csv = p.apply(CsvExamples.read(in + "/*.csv").withDelimiter(';'));
    assertEquals(List.of("id", "x", "name"), csv.columns());
    String id = tmp.toString();
    collect(csv.examples(), id + "examples");
    collect(csv.rejects(), id + "rejects");
    collect(csv.exampleCount(), id + "exampleCount");
    collect(csv.rejectCount(), id + "rejectCount");
    p.apply("One", Create.of(1))
        .apply("ReadView", ParDo.of(new ViewValueFn(id + "types", csv.featureTypes()))
            .withSideInputs(csv.featureTypes()));
    p.run().waitUntilFinish();

    assertEquals(Set.of(
        ex(Map.of("id", i(1), "x", f(2f), "name", s("semi;colon"))),
        ex(Map.of("id", i(2), "name", s("plain"))),
        ex(Map.of("id", i(3), "x", f(0.5f))),
        ex(Map.of("id", i(5), "x", f(7f), "name", s("z")))), seen(id + "examples"));
    assertEquals(4, SEEN.get(id + "examples").size());
    assertEquals(Set.of(new Reject(b.toString(), 3, "expected 3 fields (as in the header), got 2", "4;1")),
        seen(id + "rejects"));
    assertEquals(List.of(4L), List.copyOf(SEEN.get(id + "exampleCount")));
    assertEquals(List.of(1L), List.copyOf(SEEN.get(id + "rejectCount")));
    assertEquals(List.of(Map.of("id", FeatureType.INT, "x", FeatureType.FLOAT, "name", FeatureType.BYTES)),
        List.copyOf(SEEN.get(id + "types")));

    assertEquals(before, filesUnder(tmp), "the transform writes no file");
  }

  @Test
  void nanAndInfinitiesAreFloatsAndANumberWithANulIsARejectedRow() throws Exception {
    Path in = tmp.resolve("nan");
    // before: one NaN made 'fare' BYTES with no warning, and so did the NUL in line 8
    Path file = CsvFixtures.writeCsv(in, "t.csv", "id,fare,note\n1,2.5,a\n2,NaN,b\n3,inf,c\n4,-Inf,d\n"
        + "5,Infinity,e\n6,1e309,f\n7,1\u00002.5,g\n8,3,h\u0000i\n");
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    CsvExamples.Result csv = p.apply(CsvExamples.read(file.toString()));
    assertEquals(Map.of("id", FeatureType.INT, "fare", FeatureType.FLOAT, "note", FeatureType.BYTES),
        csv.featureTypesUsed());
    String id = tmp + "nan";
    collect(csv.examples(), id + "examples");
    collect(csv.rejects(), id + "rejects");
    collect(csv.exampleCount(), id + "exampleCount");
    collect(csv.rejectCount(), id + "rejectCount");
    collect(csv.exactFeatureTypes(), id + "types");
    p.run().waitUntilFinish();

    assertEquals(Set.of(
        ex(Map.of("id", i(1), "fare", f(2.5f), "note", s("a"))),
        ex(Map.of("id", i(2), "fare", f(Float.NaN), "note", s("b"))),
        ex(Map.of("id", i(3), "fare", f(Float.POSITIVE_INFINITY), "note", s("c"))),
        ex(Map.of("id", i(4), "fare", f(Float.NEGATIVE_INFINITY), "note", s("d"))),
        ex(Map.of("id", i(5), "fare", f(Float.POSITIVE_INFINITY), "note", s("e"))),
        ex(Map.of("id", i(6), "fare", f(Float.POSITIVE_INFINITY), "note", s("f"))),
        // a NUL in text is text: only a number with a NUL is damage
        ex(Map.of("id", i(8), "fare", f(3f), "note", s("h\u0000i")))), seen(id + "examples"));
    assertEquals(Set.of(new Reject(file.toString(), 8, "column 'fare' (field 2) holds a number with a NUL byte"
        + " ('1\\02.5'): expected a number, or text, without NUL bytes", "7,1\u00002.5,g")), seen(id + "rejects"));
    long examples = (Long) SEEN.get(id + "exampleCount").peek();
    long rejects = (Long) SEEN.get(id + "rejectCount").peek();
    assertEquals(7, examples);
    assertEquals(1, rejects);
    assertEquals(8, examples + rejects, "every row is an example or a reject");
    assertEquals(List.of(csv.featureTypesUsed()), List.copyOf(SEEN.get(id + "types")));
  }

  @Test
  void nanAndInfinitiesReachArrowBatchesAsFloats() throws Exception {
    Path file = CsvFixtures.writeCsv(tmp.resolve("arrow"), "t.csv", "fare\nnan\n-INF\n1.5\n");
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    CsvExamples.Result csv = p.apply(CsvExamples.read(file.toString()).asExampleBatches());
    assertEquals(Map.of("fare", FeatureType.FLOAT), csv.featureTypesUsed());
    String id = tmp + "arrow";
    collect(csv.exampleBatches().apply("Examples", ParDo.of(new BatchExamplesFn())), id + "examples");
    p.run().waitUntilFinish();
    assertEquals(Set.of(ex(Map.of("fare", f(Float.NaN))), ex(Map.of("fare", f(Float.NEGATIVE_INFINITY))),
        ex(Map.of("fare", f(1.5f)))), seen(id + "examples"));
  }

  @Test
  void badPatternsAndDelimitersFailWhenBuilt() throws Exception {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    InvalidInputException none = assertThrows(InvalidInputException.class,
        () -> p.apply(CsvExamples.read(tmp + "/nothing-*.csv")));
    assertEquals("No input files match '" + tmp + "/nothing-*.csv'", none.getMessage());
    Path headerOnly = CsvFixtures.writeCsv(tmp, "empty.csv", "");
    InvalidInputException empty = assertThrows(InvalidInputException.class,
        () -> p.apply("Empty", CsvExamples.read(headerOnly.toString())));
    assertEquals("Input file " + headerOnly + " is empty (0 bytes)", empty.getMessage());
    assertThrows(InvalidParameterException.class, () -> CsvExamples.read("x.csv").withDelimiter('"'));
    assertThrows(InvalidParameterException.class, () -> CsvExamples.read(" "));
  }
}
