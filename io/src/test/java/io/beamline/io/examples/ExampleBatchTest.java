package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import static io.beamline.io.examples.ExampleFixtures.example;
import static io.beamline.io.examples.ExampleFixtures.floats;
import static io.beamline.io.examples.ExampleFixtures.ints;
import static io.beamline.io.examples.ExampleFixtures.strings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Features;

class ExampleBatchTest {
  @Test
  void examplesRoundTripThroughArrowExactly() {
    List<Example> examples = ExampleFixtures.mixed();
    ExampleBatch batch = ExampleBatch.fromExamples(examples, Map.of());
    assertEquals(5, batch.rowCount());
    assertEquals(List.of("age", "fare", "tags"), List.copyOf(batch.featureTypes().keySet()));
    assertEquals(ExampleFixtures.mixedTypes(), batch.featureTypes());
    assertEquals(examples, batch.toExamples());
    byte[] stored = batch.toExamples().get(1).getFeatures().getFeatureOrThrow("tags")
        .getBytesList().getValue(0).toByteArray();
    assertArrayEquals(ExampleFixtures.NOT_UTF8, stored);
  }

  @Test
  void missingIsNullAndEmptyListIsPresent() {
    ExampleBatch batch = ExampleBatch.fromExamples(ExampleFixtures.mixed(), Map.of());
    batch.withRoot(root -> {
      ListVector age = (ListVector) root.getVector("age");
      assertEquals(List.of(false, false, false, true, true),
          List.of(age.isNull(0), age.isNull(1), age.isNull(2), age.isNull(3), age.isNull(4)));
      assertEquals(0, age.getElementEndIndex(2) - age.getElementStartIndex(2));
      BigIntVector values = (BigIntVector) age.getDataVector();
      assertEquals(Long.MIN_VALUE, values.get(age.getElementStartIndex(1)));
      Float4Vector fare = (Float4Vector) ((ListVector) root.getVector("fare")).getDataVector();
      assertEquals(0.1f, fare.get(0));
      return null;
    });
  }

  @Test
  void declaredTypesWidenIntsAndKeepAbsentColumns() {
    List<Example> examples = List.of(example(Map.of("x", ints(3))), example(Map.of("x", floats(1.5f))));
    ExampleBatch batch = ExampleBatch.fromExamples(examples, Map.of("x", FeatureType.FLOAT, "never", FeatureType.INT));
    assertEquals(Map.of("never", FeatureType.INT, "x", FeatureType.FLOAT), batch.featureTypes());
    List<Example> back = batch.toExamples();
    assertEquals(floats(3f), back.get(0).getFeatures().getFeatureOrThrow("x"));
    assertTrue(back.stream().noneMatch(e -> e.getFeatures().containsFeature("never")));
    ExampleBatch inferred = ExampleBatch.fromExamples(examples, Map.of());
    assertEquals(Map.of("x", FeatureType.FLOAT), inferred.featureTypes());
  }

  @Test
  void narrowingIsAnErrorNamingFeatureAndExample() {
    List<Example> examples = List.of(example(Map.of("n", ints(1))), example(Map.of("n", strings("x"))));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ExampleBatch.fromExamples(examples, Map.of("n", FeatureType.INT)));
    assertEquals("Feature 'n' in example 1: expected INT values, got BYTES (BYTES_LIST)", e.getMessage());
  }

  @Test
  void fromRootCopiesAndSortsColumns() {
    ExampleBatch original = ExampleBatch.fromExamples(ExampleFixtures.mixed(), Map.of());
    ExampleBatch copy = original.withRoot(ExampleBatch::fromRoot);
    assertEquals(original.toExamples(), copy.toExamples());
    assertEquals(original.featureTypes(), copy.featureTypes());
  }

  @Test
  void emptyBatchHasDeclaredColumnsAndNoRows() {
    ExampleBatch empty = ExampleBatch.fromExamples(List.of(), Map.of("a", FeatureType.BYTES));
    assertEquals(0, empty.rowCount());
    assertEquals(List.of(), empty.toExamples());
    assertEquals(1, (int) empty.withRoot(root -> root.getFieldVectors().size()));
  }

  @Test
  void coderRoundTripsDeterministicallyAndIsTheDefault() throws Exception {
    ExampleBatch batch = ExampleBatch.fromExamples(ExampleFixtures.mixed(), Map.of());
    ExampleBatchCoder coder = ExampleBatchCoder.of();
    coder.verifyDeterministic();
    byte[] encoded = CoderUtils.encodeToByteArray(coder, batch);
    ExampleBatch decoded = CoderUtils.decodeFromByteArray(coder, encoded);
    assertEquals(batch, decoded);
    assertEquals(batch.hashCode(), decoded.hashCode());
    assertEquals(ExampleFixtures.mixed(), decoded.toExamples());
    assertArrayEquals(encoded, CoderUtils.encodeToByteArray(coder, decoded));
    // Nested context (inside a KV or an iterable) must not over-read into the next value.
    Coder<List<ExampleBatch>> list = org.apache.beam.sdk.coders.ListCoder.of(coder);
    List<ExampleBatch> two = List.of(batch, ExampleBatch.fromExamples(List.of(), Map.of()));
    assertEquals(two, CoderUtils.decodeFromByteArray(list, CoderUtils.encodeToByteArray(list, two)));
    CoderRegistry registry = CoderRegistry.createDefault();
    assertEquals(coder, registry.getCoder(TypeDescriptor.of(ExampleBatch.class)));
    assertEquals(ExampleCoder.of(), registry.getCoder(TypeDescriptor.of(Example.class)));
  }

  @Test
  void exampleCoderIsDeterministicForMaps() throws Exception {
    // protobuf-java keeps a map field in insertion order; plain serialization follows it
    Example a = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("b", ints(1)).putFeature("a", ints(2)).putFeature("c", strings("x"))).build();
    Example b = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("c", strings("x")).putFeature("a", ints(2)).putFeature("b", ints(1))).build();
    assertEquals(a, b);
    assertFalse(Arrays.equals(a.toByteArray(), b.toByteArray()), "plain bytes follow insertion order");
    assertArrayEquals(CoderUtils.encodeToByteArray(ExampleCoder.of(), a),
        CoderUtils.encodeToByteArray(ExampleCoder.of(), b));
    assertArrayEquals(ExampleCoder.serialize(a), ExampleCoder.serialize(b));
    ExampleCoder.of().verifyDeterministic();
    assertEquals(a, CoderUtils.decodeFromByteArray(ExampleCoder.of(),
        CoderUtils.encodeToByteArray(ExampleCoder.of(), a)));
  }
}
