package io.beamline.examplegen;

import io.beamline.io.examples.ExampleProtos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.examples.FeatureType;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

class ExampleGenCsvTest {
  @TempDir Path tmp;

  private static final Map<String, FeatureType> TAXI_TYPES = new TreeMap<>(Map.ofEntries(
      Map.entry("pickup_community_area", FeatureType.INT), Map.entry("fare", FeatureType.FLOAT),
      Map.entry("trip_start_month", FeatureType.INT), Map.entry("trip_start_hour", FeatureType.INT),
      Map.entry("trip_start_day", FeatureType.INT), Map.entry("trip_start_timestamp", FeatureType.INT),
      Map.entry("pickup_latitude", FeatureType.FLOAT), Map.entry("pickup_longitude", FeatureType.FLOAT),
      Map.entry("dropoff_latitude", FeatureType.FLOAT), Map.entry("dropoff_longitude", FeatureType.FLOAT),
      Map.entry("trip_miles", FeatureType.FLOAT), Map.entry("pickup_census_tract", FeatureType.INT),
      Map.entry("dropoff_census_tract", FeatureType.INT), Map.entry("payment_type", FeatureType.BYTES),
      Map.entry("company", FeatureType.BYTES), Map.entry("trip_seconds", FeatureType.INT),
      Map.entry("dropoff_community_area", FeatureType.INT), Map.entry("tips", FeatureType.FLOAT)));

  /** The taxi rows as examples, built here from commons-csv's reading with the expected types. */
  private static Map<ByteString, Integer> expectedTaxi() throws Exception {
    Map<ByteString, Integer> out = new HashMap<>();
    try (Reader r = Files.newBufferedReader(Fixtures.taxiCsv(), StandardCharsets.UTF_8);
         CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get().parse(r)) {
      for (CSVRecord rec : parser) {
        Example.Builder ex = Example.newBuilder();
        for (String name : parser.getHeaderNames()) {
          String v = rec.get(name);
          if (!v.isEmpty()) {
            ex.getFeaturesBuilder().putFeature(name, feature(TAXI_TYPES.get(name), v));
          }
        }
        out.merge(ByteString.copyFrom(ExampleProtos.deterministicBytes(ex.build())), 1, Integer::sum);
      }
    }
    return out;
  }

  private static Map<ByteString, Integer> multiset(List<Example> examples) {
    Map<ByteString, Integer> out = new HashMap<>();
    examples.forEach(e -> out.merge(ByteString.copyFrom(ExampleProtos.deterministicBytes(e)), 1, Integer::sum));
    return out;
  }

  private static Set<ByteString> set(List<Example> examples) {
    return new HashSet<>(multiset(examples).keySet());
  }

  @Test
  void taxiRoundTripsEveryValueTypeAndMissingCellSplitsTwoToOneAndIsStableAcrossParallelism()
      throws Exception {
    ComponentResult one = ExampleGen.from(Fixtures.taxiCsv().toString()).withBeamArgs("--parallelism=1", "--enforceImmutability=false", "--enforceEncodability=false")
        .run(tmp.resolve("p1").toString());
    ComponentResult four = ExampleGen.from(Fixtures.taxiCsv().toString()).withBeamArgs("--parallelism=4", "--enforceImmutability=false", "--enforceEncodability=false")
        .run(tmp.resolve("p4").toString());

    ArtifactProperties props = one.output("examples").properties();
    Map<String, Object> types = new TreeMap<>();
    TAXI_TYPES.forEach((k, v) -> types.put(k, v.name()));
    assertEquals(types, props.getMap("feature_types"));
    assertEquals(List.of("train", "eval"), props.getStringList("split_names"));
    assertEquals("tfrecord", props.getString("payload_format"));
    assertEquals(0L, props.getLong("span"));
    assertFalse(props.has("version"));
    assertTrue(props.getString("input_fingerprint").startsWith("files=1,bytes="));

    Path ex1 = tmp.resolve("p1/examples");
    List<Example> train = Fixtures.readSplit(ex1, "train");
    List<Example> eval = Fixtures.readSplit(ex1, "eval");
    assertEquals(Map.of("train", (long) train.size(), "eval", (long) eval.size()), props.getMap("split_counts"));
    assertEquals(15002, train.size() + eval.size());
    assertEquals(2.0 / 3, train.size() / 15002.0, 0.01);

    Map<ByteString, Integer> all = multiset(train);
    multiset(eval).forEach((k, v) -> all.merge(k, v, Integer::sum));
    assertEquals(expectedTaxi(), all);

    Path ex4 = tmp.resolve("p4/examples");
    assertEquals(set(train), set(Fixtures.readSplit(ex4, "train")));
    assertEquals(set(eval), set(Fixtures.readSplit(ex4, "eval")));
    assertEquals(0L, one.output("rejects").properties().getLong("reject_count"));
    assertEquals("", Files.readString(tmp.resolve("p1/rejects/rejects.jsonl")));
  }

  @Test
  void quotedFieldsEmptyCellsAndNonUtf8BytesSurvive() throws Exception {
    Path dir = tmp.resolve("in");
    Files.createDirectories(dir);
    byte[] latin1 = "id,name,score\r\n1,\"Smith, \"\"J\"\"\nline two\",2.5\r\n2,,3\r\n3,caf\u00e9,\r\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("q.csv"), latin1);
    ComponentResult r = ExampleGen.from(dir.toString()).withSplits("all:1").run(tmp.resolve("out").toString());
    assertEquals(Map.of("id", "INT", "name", "BYTES", "score", "FLOAT"),
        r.output("examples").properties().getMap("feature_types"));
    Map<Long, Example> byId = new TreeMap<>();
    Fixtures.readSplit(tmp.resolve("out/examples"), "all")
        .forEach(e -> byId.put(e.getFeatures().getFeatureOrThrow("id").getInt64List().getValue(0), e));
    assertEquals(3, byId.size());
    assertEquals(ByteString.copyFromUtf8("Smith, \"J\"\nline two"),
        byId.get(1L).getFeatures().getFeatureOrThrow("name").getBytesList().getValue(0));
    assertEquals(2.5f, byId.get(1L).getFeatures().getFeatureOrThrow("score").getFloatList().getValue(0));
    assertFalse(byId.get(2L).getFeatures().containsFeature("name"), "empty cell is a missing feature");
    assertEquals(3.0f, byId.get(2L).getFeatures().getFeatureOrThrow("score").getFloatList().getValue(0));
    // 'café' written as ISO-8859-1: the single byte 0xE9 is kept, not replaced
    assertEquals(ByteString.copyFrom(new byte[] {'c', 'a', 'f', (byte) 0xE9}),
        byId.get(3L).getFeatures().getFeatureOrThrow("name").getBytesList().getValue(0));
    assertFalse(byId.get(3L).getFeatures().containsFeature("score"));
  }

  @Test
  void partitionFeatureKeepsEachEntityInOneSplit() throws Exception {
    StringBuilder csv = new StringBuilder("user,value\n");
    for (int i = 0; i < 400; i++) {
      csv.append("u").append(i % 40).append(',').append(i).append('\n');
    }
    Path in = Fixtures.writeCsv(tmp.resolve("in"), "users.csv", csv.toString());
    ExampleGen.from(in.toString()).withPartitionFeature("user").run(tmp.resolve("out").toString());
    Set<ByteString> trainUsers = users(Fixtures.readSplit(tmp.resolve("out/examples"), "train"));
    Set<ByteString> evalUsers = users(Fixtures.readSplit(tmp.resolve("out/examples"), "eval"));
    assertEquals(40, trainUsers.size() + evalUsers.size());
    assertTrue(!trainUsers.isEmpty() && !evalUsers.isEmpty());
    Set<ByteString> both = new HashSet<>(trainUsers);
    both.retainAll(evalUsers);
    assertEquals(Set.of(), both);
  }

  private static Set<ByteString> users(List<Example> examples) {
    Set<ByteString> out = new HashSet<>();
    for (Example e : examples) {
      Feature f = e.getFeatures().getFeatureOrThrow("user");
      out.add(f.getBytesList().getValue(0));
    }
    return out;
  }

  /** The feature a CSV cell of this type becomes, built here independently of the reader. */
  private static Feature feature(FeatureType type, String cell) {
    Feature.Builder f = Feature.newBuilder();
    switch (type) {
      case INT -> f.getInt64ListBuilder().addValue(Long.parseLong(cell));
      case FLOAT -> f.getFloatListBuilder().addValue(Float.parseFloat(cell));
      case BYTES -> f.getBytesListBuilder().addValue(ByteString.copyFromUtf8(cell));
    }
    return f.build();
  }
}
