package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.beamline.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/** Arrow batches straight from text cells equal the batches of the same rows as tf.Examples. */
class TextColumnsTest {
  private static final Map<String, FeatureType> TYPES =
      Map.of("n", FeatureType.INT, "f", FeatureType.FLOAT, "s", FeatureType.BYTES);

  @Test
  void textCellsGiveTheSameBatchAsTheExamples() {
    String latin1 = new String(new byte[] {(byte) 0xE9, 'x'}, StandardCharsets.ISO_8859_1);
    ExampleBatch fromText = ExampleBatch.fromTextColumns(TYPES, Map.of(
        "n", new String[] {"7", null, "-3"},
        "f", new String[] {"2.5", "1e3", null},
        "s", new String[] {null, latin1, "ok"}), 3);
    Example e0 = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("n", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(7)).build())
        .putFeature("f", Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(2.5f)).build())).build();
    Example e1 = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("f", Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(1000f)).build())
        .putFeature("s", Feature.newBuilder().setBytesList(BytesList.newBuilder()
            .addValue(ByteString.copyFrom(new byte[] {(byte) 0xE9, 'x'}))).build())).build();
    Example e2 = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("n", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(-3)).build())
        .putFeature("s", Feature.newBuilder().setBytesList(BytesList.newBuilder()
            .addValue(ByteString.copyFromUtf8("ok"))).build())).build();
    ExampleBatch fromExamples = ExampleBatch.fromExamples(List.of(e0, e1, e2), TYPES);
    assertEquals(List.of("f", "n", "s"), List.copyOf(fromText.featureTypes().keySet()));
    assertEquals(fromExamples.toExamples(), fromText.toExamples());
    assertEquals(fromExamples, fromText);
  }

  @Test
  void aCellThatDoesNotParseNamesFeatureAndRow() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExampleBatch.fromTextColumns(
        Map.of("n", FeatureType.INT), Map.of("n", new String[] {"1", "2.5"}), 2));
    assertTrue(e.getMessage().contains("'n', row 1") && e.getMessage().contains("'2.5'"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> ExampleBatch.fromTextColumns(
        Map.of("n", FeatureType.INT), Map.of(), 2));
  }
}
