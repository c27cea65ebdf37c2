package io.beamline.examplegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.core.component.ComponentResult;
import io.beamline.io.examples.TFRecords;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.Int64List;

class ExampleGenBadInputTest {
  @TempDir Path tmp;

  private InvalidInputException fails(ExampleGen gen) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> gen.run(tmp.resolve("out").toString()));
    assertFalse(Files.exists(tmp.resolve("out/examples")), "no LIVE examples artifact");
    assertFalse(Files.exists(tmp.resolve("out/rejects")), "no LIVE rejects artifact");
    return e;
  }

  @Test
  void noInputFiles() {
    InvalidInputException e = fails(ExampleGen.from(tmp + "/missing/*.csv"));
    assertEquals("No input files match '" + tmp + "/missing/*.csv'", e.getMessage());
  }

  @Test
  void emptyFile() throws Exception {
    Path f = Fixtures.writeCsv(tmp.resolve("in"), "empty.csv", "");
    assertEquals("Input file " + f + " is empty (0 bytes)", fails(ExampleGen.from(f.toString())).getMessage());
  }

  @Test
  void headerOnlyFile() throws Exception {
    Path f = Fixtures.writeCsv(tmp.resolve("in"), "header.csv", "a,b\n");
    assertEquals("CSV file " + f + " has a header but no data rows: expected at least one row after line 1",
        fails(ExampleGen.from(f.toString())).getMessage());
  }

  @Test
  void filesWithDifferentHeaders() throws Exception {
    Fixtures.writeCsv(tmp.resolve("in"), "a.csv", "x,y\n1,2\n");
    Path b = Fixtures.writeCsv(tmp.resolve("in"), "b.csv", "x,z\n1,2\n");
    assertEquals("CSV file " + b + " has header [x, z], but the first input file has [x, y]; all files of"
        + " one input must agree", fails(ExampleGen.from(tmp.resolve("in").toString())).getMessage());
  }

  @Test
  void anyRejectFailsByDefaultAfterWritingTheRejects() throws Exception {
    Path f = Fixtures.writeCsv(tmp.resolve("in"), "bad.csv", "a,b\n1,2\n3\n4,5\n\"x\"y,6\n7,8\n");
    InvalidInputException e = fails(ExampleGen.from(f.toString()));
    Path rejects = tmp.resolve("out/rejects.staging/rejects.jsonl");
    assertEquals("2 of 5 input rows were rejected (fraction 0.400000), more than the allowed 0.0"
        + " (--max-reject-fraction); nothing was published. Each rejected row (file, line, reason, raw"
        + " text) is in " + rejects, e.getMessage());
    List<JsonNode> lines = Files.readAllLines(rejects).stream().map(Json::tree)
        .sorted(java.util.Comparator.comparingLong(n -> n.get("line").asLong())).toList();
    assertEquals(2, lines.size());
    assertEquals(f.toString(), lines.get(0).get("file").asText());
    assertEquals(3, lines.get(0).get("line").asLong());
    assertEquals("expected 2 fields (as in the header), got 1", lines.get(0).get("reason").asText());
    assertEquals("3", lines.get(0).get("raw").asText());
    assertEquals(5, lines.get(1).get("line").asLong());
    assertTrue(lines.get(1).get("reason").asText().startsWith("broken quoting: "));
    assertEquals("\"x\"y,6", lines.get(1).get("raw").asText());
  }

  @Test
  void rejectsWithinTheAllowedFractionAreWrittenAndCounted() throws Exception {
    Path f = Fixtures.writeCsv(tmp.resolve("in"), "bad.csv", "a,b\n1,2\n3\n4,5\n6,7\n");
    ComponentResult r = ExampleGen.from(f.toString()).withMaxRejectFraction(0.5).withSplits("all:1")
        .run(tmp.resolve("out").toString());
    assertEquals(1L, r.output("rejects").properties().getLong("reject_count"));
    assertEquals(4L, r.output("rejects").properties().getLong("row_count"));
    assertEquals(3, Fixtures.readSplit(tmp.resolve("out/examples"), "all").size());
    assertEquals(1, Files.readAllLines(tmp.resolve("out/rejects/rejects.jsonl")).size());
  }

  @Test
  void corruptParquetFileIsNamed() throws Exception {
    Path f = tmp.resolve("in/bad.parquet");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "this is not parquet at all");
    InvalidInputException e = fails(ExampleGen.from(f.toString()));
    assertTrue(e.getMessage().startsWith("Cannot read parquet file " + f + ": "), e.getMessage());
  }

  @Test
  void corruptAvroFileIsNamed() throws Exception {
    Path f = tmp.resolve("in/bad.avro");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "Obj? not really");
    InvalidInputException e = fails(ExampleGen.from(f.toString()));
    assertTrue(e.getMessage().startsWith("Cannot read avro file " + f + ": "), e.getMessage());
  }

  /** A failure inside the run: nothing published, the staged outputs kept for inspection. */
  private InvalidInputException failsInRun(ExampleGen gen) {
    InvalidInputException e = fails(gen);
    assertTrue(Files.isDirectory(tmp.resolve("out/examples.staging")), "staging kept");
    return e;
  }

  /** Three examples as a plain TFRecord file's bytes. */
  private static byte[] tfRecordBytes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long i = 0; i < 3; i++) {
      Example ex = Example.newBuilder().setFeatures(Features.newBuilder().putFeature("id",
          Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(i)).build())).build();
      TFRecords.write(out, ex.toByteArray());
    }
    return out.toByteArray();
  }

  private Path inputFile(String name, byte[] bytes) throws Exception {
    Path f = tmp.resolve("in/" + name);
    Files.createDirectories(f.getParent());
    Files.write(f, bytes);
    return f;
  }

  @Test
  void corruptTfRecordChecksumNamesFileAndRecord() throws Exception {
    byte[] bytes = tfRecordBytes();
    int recordLength = bytes.length / 3;
    bytes[recordLength + 14] ^= 0x01; // a payload byte of record 1
    Path f = inputFile("bad.tfrecord", bytes);
    String msg = failsInRun(ExampleGen.from(f.toString())).getMessage();
    assertTrue(msg.startsWith("Corrupt TFRecord file " + f + ", record 1: data checksum mismatch: expected"
        + " masked crc32c 0x"), msg);
  }

  @Test
  void truncatedTfRecordNamesFileAndRecord() throws Exception {
    byte[] bytes = tfRecordBytes();
    Path f = inputFile("cut.tfrecord", Arrays.copyOf(bytes, bytes.length - 2));
    assertEquals("Corrupt TFRecord file " + f + ", record 2: truncated record: expected 4 checksum bytes"
        + " after the payload, got 2", failsInRun(ExampleGen.from(f.toString())).getMessage());
  }

  @Test
  void truncatedGzipTfRecordNamesFile() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tfRecordBytes());
    }
    byte[] bytes = gz.toByteArray();
    Path f = inputFile("cut.tfrecord.gz", Arrays.copyOf(bytes, bytes.length - 12));
    String msg = failsInRun(ExampleGen.from(f.toString())).getMessage();
    assertTrue(msg.startsWith("Corrupt TFRecord file " + f + ", record "), msg);
    assertTrue(msg.contains(": truncated gzip stream: "), msg);
  }

  @Test
  void fileThatIsNotATfRecordIsNamed() throws Exception {
    Path f = inputFile("notes.tfrecord", "id,fare\n1,2.5\nthis is a CSV file, not TFRecord\n"
        .getBytes(StandardCharsets.UTF_8));
    String msg = failsInRun(ExampleGen.from(f.toString())).getMessage();
    assertTrue(msg.startsWith("Corrupt TFRecord file " + f + ", record 0: length checksum mismatch: "), msg);
  }

  @Test
  void tfRecordPayloadThatIsNotAnExampleIsNamed() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TFRecords.write(out, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    Path f = inputFile("junk.tfrecord", out.toByteArray());
    String msg = failsInRun(ExampleGen.from(f.toString())).getMessage();
    assertTrue(msg.startsWith("TFRecord file " + f + ", record 0: not a serialized tf.Example (3 bytes): "),
        msg);
  }

  @Test
  void nanAndInfinitiesStayFloatsAndANumberWithANulIsARejectedRow() throws Exception {
    // before: one NaN (or inf, -Inf, Infinity) or the NUL on line 8 made 'fare' BYTES, exit 0, no warning
    Path f = Fixtures.writeCsv(tmp.resolve("in"), "fares.csv", "id,fare\n1,2.5\n2,NaN\n3,inf\n4,-Inf\n"
        + "5,Infinity\n6,1e309\n7,1\u00002.5\n8,4\n");
    ComponentResult r = ExampleGen.from(f.toString()).withMaxRejectFraction(0.5).withSplits("all:1")
        .run(tmp.resolve("out").toString());
    List<Example> examples = Fixtures.readSplit(tmp.resolve("out/examples"), "all");
    long rejects = r.output("rejects").properties().getLong("reject_count");
    assertEquals(7, examples.size());
    assertEquals(1L, rejects);
    assertEquals(8L, r.output("rejects").properties().getLong("row_count"));
    assertEquals(8, examples.size() + rejects, "rows in = examples + rejects");
    java.util.Map<Long, Float> fares = new java.util.TreeMap<>();
    for (Example e : examples) {
      Feature fare = e.getFeatures().getFeatureOrThrow("fare");
      assertEquals(Feature.KindCase.FLOAT_LIST, fare.getKindCase(), e.toString());
      fares.put(e.getFeatures().getFeatureOrThrow("id").getInt64List().getValue(0), fare.getFloatList().getValue(0));
    }
    assertEquals(java.util.Map.of(1L, 2.5f, 2L, Float.NaN, 3L, Float.POSITIVE_INFINITY, 4L, Float.NEGATIVE_INFINITY,
        5L, Float.POSITIVE_INFINITY, 6L, Float.POSITIVE_INFINITY, 8L, 4f), fares);
    JsonNode reject = Json.tree(Files.readAllLines(tmp.resolve("out/rejects/rejects.jsonl")).get(0));
    assertEquals(f.toString(), reject.get("file").asText());
    assertEquals(8, reject.get("line").asLong());
    assertTrue(reject.get("reason").asText().startsWith("column 'fare' (field 2) holds a number with a NUL byte"),
        reject.get("reason").asText());
  }
}
