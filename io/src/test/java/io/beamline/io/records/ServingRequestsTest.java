package io.beamline.io.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.beamline.core.InvalidInputException;
import io.beamline.io.files.InputFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

class ServingRequestsTest {
  private static List<Example> parse(String line) {
    return ServingRequests.parse(line, "log.jsonl", 7);
  }

  private static Feature feature(Example e, String name) {
    return e.getFeatures().getFeatureOrThrow(name);
  }

  @Test
  void rowFormInstancesBecomeOneExampleEachWithTypedFeatures() {
    List<Example> examples = parse("{\"signature_name\": \"serving_default\", \"instances\": ["
        + "{\"fare\": 12.5, \"hour\": 7, \"payment_type\": \"Cash\", \"tags\": [\"a\", \"b\"], \"vip\": true,"
        + " \"grid\": [[1, 2], [3, 4.5]], \"raw\": {\"b64\": \"" + b64("\u00ff\u0001") + "\"}},"
        + "{\"fare\": null, \"hour\": 9, \"tags\": []}]}");
    assertEquals(2, examples.size());
    Example first = examples.get(0);
    assertEquals(List.of(12.5f), feature(first, "fare").getFloatList().getValueList());
    assertEquals(List.of(7L), feature(first, "hour").getInt64List().getValueList());
    assertEquals("Cash", feature(first, "payment_type").getBytesList().getValue(0).toStringUtf8());
    assertEquals(2, feature(first, "tags").getBytesList().getValueCount());
    assertEquals(List.of(1L), feature(first, "vip").getInt64List().getValueList());
    // a nested list is flattened; one non-integer leaf makes the whole feature FLOAT
    assertEquals(List.of(1f, 2f, 3f, 4.5f), feature(first, "grid").getFloatList().getValueList());
    assertEquals(ByteString.copyFrom(new byte[] {(byte) 0xc3, (byte) 0xbf, 1}), feature(first, "raw").getBytesList().getValue(0));
    Example second = examples.get(1);
    // null and the empty list are missing features
    assertEquals(List.of("hour"), List.copyOf(second.getFeatures().getFeatureMap().keySet()));
  }

  @Test
  void columnarInputsHoldOneValuePerExample() {
    List<Example> examples = parse("{\"inputs\": {\"fare\": [1.5, 2], \"payment_type\": [\"Cash\", null]}}");
    assertEquals(2, examples.size());
    assertEquals(List.of(1.5f), feature(examples.get(0), "fare").getFloatList().getValueList());
    assertEquals(List.of(2L), feature(examples.get(1), "fare").getInt64List().getValueList());
    assertTrue(examples.get(1).getFeatures().getFeatureMap().containsKey("fare"));
    assertEquals(1, examples.get(1).getFeatures().getFeatureCount());
  }

  @Test
  void serializedExamplesAreParsedWhetherBareOrNamedExamples() {
    Example logged = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("fare", Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(3.25f)).build())
        .putFeature("company", Feature.newBuilder().setBytesList(BytesList.newBuilder()
            .addValue(ByteString.copyFromUtf8("Flash Cab"))).build())
        .putFeature("hour", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(23)).build()))
        .build();
    String b64 = Base64.getEncoder().encodeToString(logged.toByteArray());
    assertEquals(List.of(logged), parse("{\"instances\": [{\"b64\": \"" + b64 + "\"}]}"));
    assertEquals(List.of(logged, logged), parse("{\"instances\": [{\"examples\": {\"b64\": \"" + b64 + "\"}},"
        + " {\"examples\": [{\"b64\": \"" + b64 + "\"}]}]}"));
    assertEquals(List.of(logged), parse("{\"inputs\": [{\"b64\": \"" + b64 + "\"}]}"));
  }

  @Test
  void badRequestsNameFileLineInstanceAndInput() {
    assertError("log.jsonl, line 7: not valid JSON", "{\"instances\": [");
    assertError("line 7: expected \"instances\" (row form) or \"inputs\" (columnar form); found keys [predictions]",
        "{\"predictions\": [1]}");
    assertError("line 7: instance 1 is a number, not an object of named inputs", "{\"instances\": [{\"a\": 1}, 5]}");
    assertError("line 7: instance 0, input 'loc' is an object [lat, lon]", "{\"instances\": [{\"loc\": {\"lat\": 1, \"lon\": 2}}]}");
    assertError("instance 0, input 'mixed' mixes numbers and strings", "{\"instances\": [{\"mixed\": [1, \"a\"]}]}");
    assertError("instance 0, input 'big' holds 123456789012345678901234, beyond a 64-bit integer",
        "{\"instances\": [{\"big\": 123456789012345678901234}]}");
    assertError("instance 0 is base64 of 4 bytes that are not a serialized tf.Example",
        "{\"instances\": [{\"b64\": \"" + b64("\u00ff\u00ff") + "\"}]}");
    assertError("input 'b' holds 1 values but input 'a' holds 2", "{\"inputs\": {\"a\": [1, 2], \"b\": [3]}}");
  }

  @Test
  void jsonFilesAreTheServingLogFormat() {
    assertEquals(InputFormat.JSON, InputFormat.fromFileName("logs/requests-0001.jsonl.gz"));
    assertEquals(InputFormat.JSON, InputFormat.fromFileName("requests.json"));
    assertEquals(InputFormat.JSON, InputFormat.parse("json"));
  }

  private static void assertError(String expected, String line) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(line));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
