package io.beamline.io.examples;

import io.beamline.core.examples.ExamplesLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/** Serialized examples written through every path of ExamplesIO.write(...).serialized() read back equal. */
class SerializedWriteTest {
  @TempDir Path tmp;

  @Test
  void serializedExamplesReadBackEqualInEveryFormatAndSharding() {
    List<Example> examples = ExampleFixtures.mixed();
    List<byte[]> bytes = examples.stream().map(ExampleCoder::serialize).toList();
    String uri = tmp.resolve("examples").toString();
    Pipeline p = Pipeline.create();
    p.apply("bundles", Create.of(bytes).withCoder(ByteArrayCoder.of()))
        .apply("w1", ExamplesIO.write(uri, "bundles").serialized());
    p.apply("shards", Create.of(bytes).withCoder(ByteArrayCoder.of()))
        .apply("w2", ExamplesIO.write(uri, "shards").withNumShards(2).serialized());
    p.apply("parquet", Create.of(bytes).withCoder(ByteArrayCoder.of()))
        .apply("w3", ExamplesIO.write(uri, "parquet").withFormat(ExamplesLayout.FORMAT_PARQUET)
            .withFeatureTypes(ExampleFixtures.mixedTypes()).serialized());
    p.apply("parquetShards", Create.of(bytes).withCoder(ByteArrayCoder.of()))
        .apply("w4", ExamplesIO.write(uri, "parquetShards").withFormat(ExamplesLayout.FORMAT_PARQUET)
            .withFeatureTypes(ExampleFixtures.mixedTypes()).withNumShards(2).serialized());
    p.run().waitUntilFinish();
    for (String split : List.of("bundles", "shards")) {
      assertEquals(ExamplesIOWriteTest.sorted(examples), ExamplesIOWriteTest.sorted(Examples.readAll(uri, split)), split);
    }
    for (String split : List.of("parquet", "parquetShards")) {
      assertEquals(examples.size(), Examples.readAll(uri, split).size(), split);
    }
    assertEquals(2, Examples.payloadFileUris(uri, "shards").size());
  }
}
