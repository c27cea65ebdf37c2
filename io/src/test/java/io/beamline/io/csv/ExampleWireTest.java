package io.beamline.io.csv;

import io.beamline.io.examples.ExampleWire;
import io.beamline.io.files.InputFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamline.io.examples.ExampleCoder;
import io.beamline.core.examples.FeatureType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Features;

/** The hand-written serialization equals protobuf's deterministic one, byte for byte. */
class ExampleWireTest {
  /** The reference: the example built as protos from the same cells, serialized by protobuf. */
  private static byte[] reference(CsvBatch batch, List<String> header, FeatureType[] types, int r) {
    Features.Builder features = Features.newBuilder();
    for (int c = 0; c < header.size(); c++) {
      if (!batch.isMissing(c, r)) {
        features.putFeature(header.get(c), CsvIngest.ToExamples.feature(types[c], batch, c, r));
      }
    }
    return ExampleCoder.serialize(Example.newBuilder().setFeatures(features).build());
  }

  private static void assertSameBytes(CsvBatch batch, List<String> header, FeatureType[] types) {
    ExampleWire wire = new ExampleWire(header, types);
    for (int r = 0; r < batch.rowCount(); r++) {
      assertArrayEquals(reference(batch, header, types, r), wire.row(batch, r), "row " + r);
    }
  }

  @Test
  void edgeValuesKeysAndLengthsSerializeAsProtobufDoes() {
    String utf8 = new String("Zürich ☃".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    String invalid = new String(new byte[] {(byte) 0xff, 0, 'x'}, StandardCharsets.ISO_8859_1);
    String longText = "y".repeat(20_000); // lengths that take three varint bytes
    List<String> header = List.of("zeta", "Alpha", "émile", "a", "b_text", "c");
    FeatureType[] types = {FeatureType.INT, FeatureType.FLOAT, FeatureType.BYTES, FeatureType.INT,
        FeatureType.BYTES, FeatureType.FLOAT};
    String[][] columns = {
        {"0", "-1", "9223372036854775807", "-9223372036854775808", null, "127", "128"},
        {"-0.0", "1.4e-45", "3.4028235e38", "12.45", "0", null, "-7"},
        {utf8, invalid, "é", null, "x", "plain", ""},
        {"1", "2", "3", "4", "5", "6", null},
        {longText, "a", null, "b", "c", "d", "e"},
        {null, null, null, null, null, null, null},
    };
    assertSameBytes(CsvBatch.of("", "edge.csv", new long[] {2, 3, 4, 5, 6, 7, 8}, columns), header, types);
  }

  @Test
  void varintSizesAreProtobufs() {
    for (long v : new long[] {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
      assertEquals(com.google.protobuf.CodedOutputStream.computeInt64SizeNoTag(v), ExampleWire.varintSize(v), "v=" + v);
    }
  }

  @Test
  void everyTaxiRowSerializesAsProtobufDoes() throws Exception {
    List<String> header = new CsvRows(',').header(new InputFile("", CsvFixtures.taxiCsv().toString(),
        java.nio.file.Files.size(CsvFixtures.taxiCsv()), 0L), ',');
    Map<String, FeatureType> guessed = CsvTypes.guess(List.of(new InputFile("", CsvFixtures.taxiCsv().toString(),
        java.nio.file.Files.size(CsvFixtures.taxiCsv()), 0L)), header, ',', CsvTypes.SAMPLE_ROWS, CsvTypes.SAMPLE_CHARS);
    FeatureType[] types = CsvTypes.inOrder(header, guessed);
    CsvBatch.Builder builder = new CsvBatch.Builder("", "taxi", header.size(), 20_000);
    try (InputStream in = CsvRows.open(CsvFixtures.taxiCsv().toString())) {
      CsvRecordSplitter splitter = new CsvRecordSplitter(in, ',', '"');
      splitter.next();
      CsvRows rows = new CsvRows(',');
      while (splitter.advance()) {
        if (splitter.isQuoted()) {
          builder.addRow(splitter.recordLine(), rows.parse(new CsvRecordSplitter.Chunk(splitter.recordLine(),
              splitter.text(), splitter.isUnterminated())).values());
        } else if (!splitter.isEmpty()) {
          splitter.copyFieldsTo(builder);
        }
      }
    }
    CsvBatch batch = builder.build();
    assertEquals(15_002, batch.rowCount());
    assertSameBytes(batch, header, types);
  }
}
