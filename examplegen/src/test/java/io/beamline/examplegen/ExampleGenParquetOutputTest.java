package io.beamline.examplegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ComponentResult;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/** {@code --output-format parquet}: the same examples as the TFRecord output, in TFX's file names. */
class ExampleGenParquetOutputTest {
  private static final String[] FAST = {"--enforceImmutability=false", "--enforceEncodability=false"};

  @TempDir Path tmp;

  private static Map<ByteString, Integer> multiset(List<Example> examples) {
    Map<ByteString, Integer> out = new HashMap<>();
    examples.forEach(e -> out.merge(ByteString.copyFrom(ExampleCoder.serialize(e)), 1, Integer::sum));
    return out;
  }

  private static List<String> payloadNames(Path splitDir) throws Exception {
    try (Stream<Path> files = Files.list(splitDir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  @Test
  void taxiAsParquetHoldsTheSameExamplesAsTfRecord() throws Exception {
    String csv = Fixtures.taxiCsv().toString();
    ComponentResult tf = ExampleGen.from(csv).withBeamArgs(FAST).run(tmp.resolve("tf").toString());
    ComponentResult pq = ExampleGen.from(csv).withOutputFormat("parquet").withNumShards(2).withBeamArgs(FAST)
        .run(tmp.resolve("pq").toString());

    ArtifactProperties tfProps = tf.output("examples").properties();
    ArtifactProperties pqProps = pq.output("examples").properties();
    assertEquals("parquet", pqProps.getString("payload_format"));
    assertEquals(tfProps.getMap("feature_types"), pqProps.getMap("feature_types"));
    assertEquals(tfProps.getMap("split_counts"), pqProps.getMap("split_counts"));
    String tfUri = tmp.resolve("tf/examples").toString();
    String pqUri = tmp.resolve("pq/examples").toString();
    assertEquals(List.of("eval", "train"), Examples.splits(pqUri));
    long total = 0;
    for (String split : List.of("train", "eval")) {
      assertEquals(List.of("data_parquet-00000-of-00002.parquet", "data_parquet-00001-of-00002.parquet"),
          payloadNames(tmp.resolve("pq/examples/Split-" + split)));
      List<Example> fromParquet = Examples.readAll(pqUri, split);
      assertEquals(multiset(Examples.readAll(tfUri, split)), multiset(fromParquet), split);
      total += fromParquet.size();
    }
    assertEquals(15002, total);
  }

  @Test
  void emptySplitIsAValidParquetFileWithTheColumns() throws Exception {
    Path in = Fixtures.writeCsv(tmp.resolve("in"), "few.csv", "id,fare,company\n1,2.5,Flash\n2,,\n3,7,Yellow\n");
    // a million buckets to one: three rows all but surely land in 'train', and the hash is fixed
    ComponentResult r = ExampleGen.from(in.toString()).withSplits("train:1000000,eval:1")
        .withOutputFormat("parquet").run(tmp.resolve("out").toString());
    assertEquals(Map.of("train", 3L, "eval", 0L), r.output("examples").properties().getMap("split_counts"));
    Path evalDir = tmp.resolve("out/examples/Split-eval");
    assertEquals(List.of("data_parquet-00000-of-00001.parquet"), payloadNames(evalDir));
    assertEquals(List.of(), Examples.readAll(tmp.resolve("out/examples").toString(), "eval"));
    try (ParquetFileReader reader = ParquetFileReader.open(
        new LocalInputFile(evalDir.resolve("data_parquet-00000-of-00001.parquet")))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      assertEquals(List.of("company", "fare", "id"),
          schema.getFields().stream().map(f -> f.getName()).sorted().toList());
      assertEquals(0, reader.getRecordCount());
    }
    List<Example> train = Examples.readAll(tmp.resolve("out/examples").toString(), "train");
    assertEquals(3, train.size());
    Example two = train.stream()
        .filter(e -> e.getFeatures().getFeatureOrThrow("id").getInt64List().getValue(0) == 2).findFirst()
        .orElseThrow();
    assertFalse(two.getFeatures().containsFeature("fare"), "an empty cell stays missing in Parquet");
    assertTrue(train.stream().anyMatch(e -> e.getFeatures().containsFeature("fare")
        && e.getFeatures().getFeatureOrThrow("fare").getFloatList().getValue(0) == 7.0f));
  }
}
