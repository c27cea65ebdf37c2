package io.beamline.examplegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.beamline.core.component.ComponentResult;
import io.beamline.io.examples.TFRecords;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.Int64List;

class ExampleGenFormatsTest {
  @TempDir Path tmp;

  private static final Schema SCHEMA = SchemaBuilder.record("Trip").fields()
      .requiredLong("id")
      .optionalDouble("fare")
      .optionalString("company")
      .name("tags").type().array().items().stringType().noDefault()
      .name("ok").type().booleanType().noDefault()
      .endRecord();

  private static GenericRecord record(long id, Double fare, String company, List<String> tags) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("id", id);
    r.put("fare", fare);
    r.put("company", company);
    r.put("tags", tags);
    r.put("ok", id % 2 == 0);
    return r;
  }

  private static List<GenericRecord> records() {
    return List.of(record(1, 2.5, "Flash", List.of("a", "b")), record(2, null, null, List.of()),
        record(3, 7.0, "Yellow", List.of("c")));
  }

  private static void checkExamples(List<Example> examples) {
    List<Example> sorted = examples.stream().sorted(Comparator.comparingLong(
        e -> e.getFeatures().getFeatureOrThrow("id").getInt64List().getValue(0))).toList();
    assertEquals(3, sorted.size());
    var f1 = sorted.get(0).getFeatures();
    assertEquals(2.5f, f1.getFeatureOrThrow("fare").getFloatList().getValue(0));
    assertEquals(ByteString.copyFromUtf8("Flash"), f1.getFeatureOrThrow("company").getBytesList().getValue(0));
    assertEquals(List.of(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("b")),
        f1.getFeatureOrThrow("tags").getBytesList().getValueList());
    assertEquals(0L, f1.getFeatureOrThrow("ok").getInt64List().getValue(0));
    var f2 = sorted.get(1).getFeatures();
    assertEquals(false, f2.containsFeature("fare"));
    assertEquals(false, f2.containsFeature("company"));
    assertEquals(0, f2.getFeatureOrThrow("tags").getBytesList().getValueCount());
  }

  private static final Map<String, Object> TYPES =
      Map.of("id", "INT", "fare", "FLOAT", "company", "BYTES", "tags", "BYTES", "ok", "INT");

  @Test
  void parquetWithListColumns() throws Exception {
    Path file = tmp.resolve("in/trips.parquet");
    file.getParent().toFile().mkdirs();
    try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
        .withSchema(SCHEMA).withConf(new Configuration(false)).build()) {
      for (GenericRecord r : records()) {
        w.write(r);
      }
    }
    ComponentResult r = ExampleGen.from(tmp.resolve("in").toString()).withSplits("all:1")
        .run(tmp.resolve("out").toString());
    assertEquals(TYPES, r.output("examples").properties().getMap("feature_types"));
    checkExamples(Fixtures.readSplit(tmp.resolve("out/examples"), "all"));
  }

  @Test
  void avroWithArraysAndTfRecordRoundTrip() throws Exception {
    File file = tmp.resolve("in/trips.avro").toFile();
    file.getParentFile().mkdirs();
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
      w.create(SCHEMA, file);
      for (GenericRecord r : records()) {
        w.append(r);
      }
    }
    ComponentResult r = ExampleGen.from(file.toString()).withSplits("all:1").run(tmp.resolve("out").toString());
    assertEquals(TYPES, r.output("examples").properties().getMap("feature_types"));
    checkExamples(Fixtures.readSplit(tmp.resolve("out/examples"), "all"));

    // ExampleGen's own gzip'd TFRecord output is valid TFRecord input, pre-split this time
    ComponentResult again = ExampleGen.fromSplits("train=" + tmp.resolve("out/examples/Split-all") + "/*")
        .run(tmp.resolve("again").toString());
    assertEquals(Map.of("train", 3L), again.output("examples").properties().getMap("split_counts"));
    checkExamples(Fixtures.readSplit(tmp.resolve("again/examples"), "train"));
  }

  /** Compression is told by the bytes: a plain TFRecord named .gz and a gzip'd one without .gz. */
  @Test
  void tfRecordCompressionByMagicBytesNotName() throws Exception {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    for (long id = 1; id <= 3; id++) {
      TFRecords.write(plain, Example.newBuilder().setFeatures(Features.newBuilder().putFeature("id",
          Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(id)).build())).build()
          .toByteArray());
    }
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("plain.tfrecord.gz"), plain.toByteArray());
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain.toByteArray());
    }
    Files.write(in.resolve("zipped.tfrecord"), gz.toByteArray());
    ComponentResult r = ExampleGen.from(in.toString()).withSplits("all:1").run(tmp.resolve("out").toString());
    assertEquals(Map.of("all", 6L), r.output("examples").properties().getMap("split_counts"));
    assertEquals(List.of(1L, 1L, 2L, 2L, 3L, 3L), Fixtures.readSplit(tmp.resolve("out/examples"), "all").stream()
        .map(e -> e.getFeatures().getFeatureOrThrow("id").getInt64List().getValue(0)).sorted().toList());
  }
}
