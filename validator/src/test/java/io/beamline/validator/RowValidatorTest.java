package io.beamline.validator;

import io.beamline.core.component.PropertyNames;

import static io.beamline.validator.Data.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.anomalies.AnomalyType;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.Examples;
import io.beamline.io.examples.ExamplesIO;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;
import io.beamline.io.examples.TFRecords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/**
 * RowValidator end to end on a real Examples artifact: TFRecord splits written by ExamplesIO in two
 * shards (train, with known bad rows), one clean split (eval) and a Parquet split (pq). Where each
 * example landed is found by reading the files back independently.
 */
class RowValidatorTest {
  static final String SCHEMA = """
      feature { name: "id" type: INT }
      feature { name: "pay" type: BYTES domain: "pay" }
      feature { name: "label" type: INT presence { min_fraction: 1.0 min_count: 1 } not_in_environment: "SERVING" }
      feature { name: "age" type: INT int_domain { min: 0 max: 120 } }
      feature { name: "score" type: FLOAT float_domain { disallow_nan: true } }
      feature { name: "size" type: INT shape { dim { size: 1 } } }
      string_domain { name: "pay" value: "Cash" value: "Card" }
      default_environment: "TRAINING"
      default_environment: "SERVING"
      """;
  static final List<Long> ZELLE = List.of(20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L, 30L, 31L);

  @TempDir static Path tmp;
  static String examples;
  static Path schema;
  static ResolvedArtifact rows;

  @BeforeAll
  static void writeExamplesAndValidate() throws IOException {
    examples = tmp.resolve("examples").toString();
    List<Example> train = new ArrayList<>();
    for (long i = 0; i < 40; i++) {
      Map<String, Object> r = clean(i);
      if (i == 3) {
        r.put("pay", "Bitcoin");
      } else if (i == 7) {
        r.remove("label");
      } else if (i == 11) {
        r.put("age", 200L);
      } else if (i == 13) {
        r.put("score", Double.NaN);
      } else if (i == 17) {
        r.put("size", List.of(1L, 2L));
      } else if (ZELLE.contains(i)) {
        r.put("pay", "Zelle");
      }
      train.add(Data.example(r));
    }
    List<Example> eval = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      eval.add(Data.example(clean(i)));
    }
    List<Example> pq = new ArrayList<>();
    for (long i = 0; i < 6; i++) {
      Map<String, Object> r = clean(i);
      if (i == 2) {
        r.put("pay", "Bitcoin");
      }
      pq.add(Data.example(r));
    }
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply("Train", Create.of(train).withCoder(ExampleCoder.of()))
        .apply("WriteTrain", ExamplesIO.write(examples, "train").withNumShards(2));
    p.apply("Eval", Create.of(eval).withCoder(ExampleCoder.of()))
        .apply("WriteEval", ExamplesIO.write(examples, "eval").withNumShards(1));
    p.apply("Pq", Create.of(pq).withCoder(ExampleCoder.of()))
        .apply("WritePq", ExamplesIO.write(examples, "pq").withNumShards(1).withFormat(ExamplesLayout.FORMAT_PARQUET)
            .withFeatureTypes(Map.of("id", FeatureType.INT, "pay", FeatureType.BYTES, "label", FeatureType.INT,
                "age", FeatureType.INT, "score", FeatureType.FLOAT, "size", FeatureType.INT)));
    p.run().waitUntilFinish();
    schema = tmp.resolve("schema.pbtxt");
    Files.writeString(schema, SCHEMA);
    rows = RowValidator.of(examples, schema.toString())
        .withParameters(RowValidatorParameters.defaults().withSamplesPerKey(5))
        .withOutput(RowValidator.ROW_ANOMALIES, tmp.resolve("rows").toString())
        .run().output(RowValidator.ROW_ANOMALIES);
  }

  static Map<String, Object> clean(long i) {
    return row("id", i, "pay", i % 2 == 0 ? "Cash" : "Card", "label", i % 2, "age", 30 + i % 50, "score",
        i * 0.5, "size", 1L);
  }

  /** Where each example (by id) is: file URI and record index, read back with core's TFRecord reader. */
  static Map<Long, Position> positions(String split) throws IOException {
    Map<Long, Position> out = new HashMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(examples, "Split-" + split))) {
      files = s.filter(f -> f.getFileName().toString().startsWith("data_tfrecord-")).sorted().toList();
    }
    for (Path f : files) {
      InputStream in = Files.newInputStream(f);
      try (CloseableIterator<byte[]> records = TFRecords.read(in, f.toString())) {
        long index = 0;
        while (records.hasNext()) {
          Example e = Example.parseFrom(records.next());
          out.put(e.getFeatures().getFeatureMap().get("id").getInt64List().getValue(0), new Position(f, index++));
        }
      }
    }
    return out;
  }

  record Position(Path file, long record) {}

  static RowAnomaly only(List<RowAnomaly> all, String feature, AnomalyType type) {
    List<RowAnomaly> found = all.stream().filter(a -> a.feature().equals(feature) && a.anomalyType() == type).toList();
    assertEquals(1, found.size(), () -> feature + " " + type + ": " + all);
    return found.get(0);
  }

  static void assertAt(Position expected, RowAnomaly actual) {
    assertEquals(expected.record(), actual.record(), actual::toString);
    assertEquals(expected.file(), Path.of(actual.file()), actual::toString);
  }

  @Test
  void reportsEachBadRowWithFileRecordFeatureAndType() throws IOException {
    Map<Long, Position> at = positions("train");
    List<RowAnomaly> bad = RowValidator.badExamples(rows.uri(), "train");

    RowAnomaly missing = only(bad, "label", AnomalyType.FEATURE_TYPE_LOW_FRACTION_PRESENT);
    assertAt(at.get(7L), missing);
    assertEquals(List.of(), missing.values());
    RowAnomaly big = only(bad, "age", AnomalyType.INT_TYPE_BIG_INT);
    assertAt(at.get(11L), big);
    assertEquals(List.of("200"), big.values());
    assertTrue(big.detail().contains("maximum 120"), big.detail());
    RowAnomaly nan = only(bad, "score", AnomalyType.FLOAT_TYPE_HAS_NAN);
    assertAt(at.get(13L), nan);
    assertEquals(List.of("NaN"), nan.values());
    RowAnomaly shape = only(bad, "size", AnomalyType.FEATURE_TYPE_HIGH_NUMBER_VALUES);
    assertAt(at.get(17L), shape);
    assertEquals(List.of("1", "2"), shape.values());
    assertTrue(bad.stream().allMatch(a -> a.split().equals("train")));

    RowSummary summary = RowValidator.summary(rows.uri(), "train");
    assertEquals(40, summary.examplesChecked());
    assertEquals(4 + 1 + ZELLE.size(), summary.examplesWithAnomalies());
    assertEquals(5, summary.counts().size(), summary::toString);
    assertEquals(1, summary.count("label", AnomalyType.FEATURE_TYPE_LOW_FRACTION_PRESENT));
    assertEquals(1, summary.count("size", AnomalyType.FEATURE_TYPE_HIGH_NUMBER_VALUES));
    assertEquals("""
        train: 17 of 40 examples break the schema
          age INT_TYPE_BIG_INT: 1 example (1 listed)
          label FEATURE_TYPE_LOW_FRACTION_PRESENT: 1 example (1 listed)
          pay ENUM_TYPE_UNEXPECTED_STRING_VALUES: 13 examples (5 listed)
          score FLOAT_TYPE_HAS_NAN: 1 example (1 listed)
          size FEATURE_TYPE_HIGH_NUMBER_VALUES: 1 example (1 listed)
        """, summary.describe());
  }

  @Test
  void listsTheFirstNPerFeatureAndTypeButCountsAll() throws IOException {
    Map<Long, Position> at = positions("train");
    List<RowAnomaly> enums = RowValidator.badExamples(rows.uri(), "train").stream()
        .filter(a -> a.anomalyType() == AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES).toList();
    RowSummary summary = RowValidator.summary(rows.uri(), "train");
    RowSummary.Count count = summary.find("pay", AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES).orElseThrow();
    assertEquals(1 + ZELLE.size(), count.examples());
    assertEquals(5, count.listed());
    assertEquals(5, enums.size());

    List<Position> expected = Stream.concat(Stream.of(3L), ZELLE.stream()).map(at::get)
        .sorted(Comparator.comparing((Position p) -> p.file().toString()).thenComparingLong(Position::record))
        .limit(5).toList();
    assertEquals(expected, enums.stream().map(a -> new Position(Path.of(a.file()), a.record())).toList());
    for (RowAnomaly a : enums) {
      String value = a.values().get(0);
      assertTrue(value.equals("Bitcoin") || value.equals("Zelle"), a::toString);
      assertTrue(a.detail().contains("'" + value + "'") && a.detail().contains("string_domain 'pay'"), a.detail());
    }
  }

  @Test
  void cleanSplitGivesNoRows() throws IOException {
    RowSummary eval = RowValidator.summary(rows.uri(), "eval");
    assertTrue(eval.isClean());
    assertEquals(10, eval.examplesChecked());
    assertEquals(List.of(), eval.counts());
    assertEquals("eval: all 10 examples conform to the schema\n", eval.describe());
    assertEquals(List.of(), RowValidator.badExamples(rows.uri(), "eval"));
    assertEquals("", Files.readString(Path.of(rows.uri(), "Split-eval", RowValidator.BAD_EXAMPLES_FILE)));

    assertTrue(rows.properties().getBoolean("has_anomalies"));
    assertEquals(0L, ((Number) rows.properties().getMap("examples_with_anomalies").get("eval")).longValue());
    assertEquals(40L, ((Number) rows.properties().getMap("examples_checked").get("train")).longValue());
    assertEquals(List.of("eval", "pq", "train"), rows.properties().getStringList(PropertyNames.SPLIT_NAMES));
  }

  @Test
  void parquetRowsAreIndexedAcrossTheSplit() {
    List<Example> all = Examples.readAll(examples, "pq");
    long expected = 0;
    while (all.get((int) expected).getFeatures().getFeatureMap().get("id").getInt64List().getValue(0) != 2) {
      expected++;
    }
    RowAnomaly a = only(RowValidator.badExamples(rows.uri(), "pq"), "pay",
        AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES);
    assertEquals(expected, a.record());
    assertEquals(ExamplesLayout.splitGlob(examples, "pq", ExamplesLayout.FORMAT_PARQUET), a.file());
    assertEquals(6, RowValidator.summary(rows.uri(), "pq").examplesChecked());
  }

  @Test
  void corruptFileIsAnErrorNamingIt() throws IOException {
    Path split = tmp.resolve("corrupt/Split-train");
    Files.createDirectories(split);
    Path file = split.resolve("data_tfrecord-00000-of-00001.gz");
    Files.write(file, "not a tfrecord file at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    io.beamline.core.InvalidInputException e = assertThrows(io.beamline.core.InvalidInputException.class,
        () -> RowValidator.run(tmp.resolve("corrupt").toString(), schema.toString(),
            tmp.resolve("corrupt-rows").toString()));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("record 0"), e.getMessage());
  }

  @Test
  void environmentAndChosenSplits() {
    ResolvedArtifact serving = RowValidator.of(examples, schema.toString())
        .withParameters(RowValidatorParameters.defaults().withEnvironment("SERVING")
            .withSplitNames(List.of("train")))
        .withOutput(RowValidator.ROW_ANOMALIES, tmp.resolve("serving").toString())
        .run().output(RowValidator.ROW_ANOMALIES);
    RowSummary s = RowValidator.summary(serving.uri(), "train");
    assertEquals(0, s.count("label", AnomalyType.FEATURE_TYPE_LOW_FRACTION_PRESENT), "label is not in SERVING");
    assertEquals(1 + ZELLE.size(), s.count("pay", AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES));
    assertEquals(100, s.samplesPerKey());
    assertFalse(Files.exists(Path.of(serving.uri(), "Split-eval")));

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> RowValidator.of(examples, schema.toString())
            .withParameters(RowValidatorParameters.defaults().withSplitNames(List.of("test")))
            .withOutput(RowValidator.ROW_ANOMALIES, tmp.resolve("none").toString()).run());
    assertTrue(e.getMessage().contains("split 'test'") && e.getMessage().contains("[eval, pq, train]"),
        e.getMessage());
  }
}
