package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.io.examples.ExampleBatch;
import io.beamline.io.examples.ExamplesIO;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureSketches;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.core.statistics.StringStatistics.FreqAndValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

class StatisticsGenTest {
  @TempDir Path tmp;

  private static Example trip(long seconds, Float fare, String company) {
    Features.Builder f = Features.newBuilder()
        .putFeature("trip_seconds", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(seconds)).build());
    if (fare != null) {
      f.putFeature("fare", Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(fare)).build());
    }
    if (company != null) {
      f.putFeature("company", Feature.newBuilder()
          .setBytesList(BytesList.newBuilder().addValue(ByteString.copyFromUtf8(company))).build());
    }
    return Example.newBuilder().setFeatures(f).build();
  }

  /** train: 6 trips, one without fare; eval: 3 trips; company names include markup. */
  private String writeExamples() {
    List<Example> train = List.of(trip(60, 5f, "Flash Cab"), trip(120, 7.5f, "<script>alert('x')</script>"),
        trip(0, null, "Flash Cab"), trip(300, 12f, null), trip(60, 0f, "Flash Cab"), trip(90, 3.5f, "A & B"));
    List<Example> eval = List.of(trip(30, 2f, "Flash Cab"), trip(45, 4f, "Flash Cab"), trip(600, 30f, "Yellow"));
    String uri = tmp.resolve("examples").toString();
    Pipeline p = Pipeline.create();
    p.apply("train", Create.of(train)).apply(ExamplesIO.write(uri, "train").withNumShards(2));
    p.apply("eval", Create.of(eval)).apply(ExamplesIO.write(uri, "eval").withNumShards(1));
    p.run().waitUntilFinish();
    return uri;
  }

  @Test
  void writesStatisticsAndPagePerSplitThroughComponentRun() throws Exception {
    String examples = writeExamples();
    Path out = tmp.resolve("statistics");
    ComponentResult result = ComponentRun.of(new StatisticsGen())
        .withInput(StatisticsGen.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examples))
        .withOutput(StatisticsGen.STATISTICS, out.toString())
        .run();

    ResolvedArtifact stats = result.output(StatisticsGen.STATISTICS);
    assertEquals(ArtifactType.EXAMPLE_STATISTICS, stats.type());
    assertEquals(List.of("eval", "train"), stats.properties().getStringList("split_names"));
    assertEquals(Map.of("eval", 3L, "train", 6L), stats.properties().getMap(StatisticsGen.NUM_EXAMPLES));

    DatasetFeatureStatistics train = StatisticsJson.readSplit(out.toString(), "train").whole();
    assertEquals(6, train.numExamples());
    assertEquals(1, train.requireFeature("fare").commonStats().numMissing());
    assertEquals(5.6, train.requireFeature("fare").numStats().mean(), 1e-12);
    assertEquals(1, train.requireFeature("fare").numStats().numZeros());
    assertEquals(105.0, train.requireFeature("trip_seconds").numStats().mean());
    assertEquals(new FreqAndValue("Flash Cab", 3), train.requireFeature("company").stringStats().topValues().get(0));
    assertEquals(3, StatisticsJson.readSplit(out.toString(), "eval").whole().numExamples());

    String page = Files.readString(out.resolve("Split-train/FeatureStats.html"));
    assertFalse(page.contains("<script>"), "markup from the data is escaped");
    assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), page);
    assertTrue(page.contains("A &amp; B"));
    for (String feature : List.of("fare", "trip_seconds", "company")) {
      assertTrue(page.contains("<td class=\"name\">" + feature + "</td>"), feature);
    }
    assertTrue(page.contains("<td class=\"split\">eval</td>"), "splits side by side");
    assertFalse(page.contains("http"), "self-contained: no external resources");
  }

  @Test
  void keepsEachFeaturesSketchBesideTheStatistics() {
    String examples = writeExamples();
    Path out = tmp.resolve("sketched");
    StatisticsGen.run(examples, out.toString());

    FeatureSketches train = FeatureSketches.readSplit(out.toString(), "train");
    assertEquals(6, train.numExamples());
    // few distinct values: exact counts, numbers and strings alike
    assertEquals(Map.of(0.0, 1L, 3.5, 1L, 5.0, 1L, 7.5, 1L, 12.0, 1L), train.feature("fare").orElseThrow().numericCounts());
    assertEquals(Map.of(60.0, 2L, 0.0, 1L, 90.0, 1L, 120.0, 1L, 300.0, 1L),
        train.feature("trip_seconds").orElseThrow().numericCounts());
    assertEquals(Map.of("Flash Cab", 3L, "<script>alert('x')</script>", 1L, "A & B", 1L),
        train.feature("company").orElseThrow().stringCounts());
    assertEquals(5, train.feature("company").orElseThrow().n());
  }

  @Test
  void manyDistinctNumbersKeepAKllSketchOfEveryValue() {
    List<Example> many = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      many.add(trip(i, i + 0.5f, null));
    }
    String uri = tmp.resolve("many").toString();
    Pipeline p = Pipeline.create();
    p.apply(Create.of(many)).apply(ExamplesIO.write(uri, "train").withNumShards(3));
    p.run().waitUntilFinish();
    StatisticsGen.run(uri, tmp.resolve("many-stats").toString());

    FeatureSketches.FeatureSketch fare = FeatureSketches.readSplit(tmp.resolve("many-stats").toString(), "train")
        .feature("fare").orElseThrow();
    assertEquals(3000, fare.n());
    var kll = org.apache.datasketches.kll.KllDoublesSketch.heapify(
        org.apache.datasketches.memory.Memory.wrap(java.util.Base64.getDecoder().decode(fare.kll())));
    assertEquals(3000, kll.getN());
    assertEquals(1500, kll.getQuantile(0.5), 3000 * kll.getNormalizedRankError(false));
  }

  @Test
  void parquetPayloadsGiveTheSameStatisticsAsTfRecords() {
    List<Example> train = List.of(trip(60, 5f, "Flash Cab"), trip(120, 7.5f, "Yellow"), trip(0, null, "Flash Cab"),
        trip(300, 12f, null));
    String parquet = tmp.resolve("parquet").toString();
    String tfrecord = tmp.resolve("tfrecord").toString();
    Pipeline p = Pipeline.create();
    p.apply("parquet", Create.of(train)).apply(ExamplesIO.write(parquet, "train")
        .withFormat(io.beamline.core.examples.ExamplesLayout.FORMAT_PARQUET).withNumShards(3)
        .withFeatureTypes(Map.of("trip_seconds", io.beamline.core.examples.FeatureType.INT,
            "fare", io.beamline.core.examples.FeatureType.FLOAT, "company", io.beamline.core.examples.FeatureType.BYTES)));
    p.apply("tfrecord", Create.of(train)).apply(ExamplesIO.write(tfrecord, "train").withNumShards(2));
    p.run().waitUntilFinish();
    DatasetFeatureStatistics fromParquet = statistics(parquet, "p");
    DatasetFeatureStatistics fromTfRecord = statistics(tfrecord, "t");
    assertEquals(4, fromParquet.numExamples());
    assertEquals(fromTfRecord.requireFeature("fare").numStats().mean(), fromParquet.requireFeature("fare").numStats().mean());
    assertEquals(fromTfRecord.requireFeature("company").stringStats().topValues(),
        fromParquet.requireFeature("company").stringStats().topValues());
    assertEquals(1, fromParquet.requireFeature("fare").commonStats().numMissing());
  }

  private DatasetFeatureStatistics statistics(String examples, String name) {
    Path out = tmp.resolve("statistics-" + name);
    ComponentRun.of(new StatisticsGen())
        .withInput(StatisticsGen.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examples))
        .withOutput(StatisticsGen.STATISTICS, out.toString())
        .run();
    return StatisticsJson.readSplit(out.toString(), "train").whole();
  }

  @Test
  void writesWeightedSlicesOfEachSplit() {
    String examples = writeExamples();
    Path out = tmp.resolve("sliced");
    ComponentRun.of(new StatisticsGen())
        .withParameters(StatisticsGenParameters.defaults().withSplitNames(List.of("train"))
            .withStatistics(StatisticsOptions.defaults().withWeightFeature("trip_seconds")
                .withSliceBy(List.of("company"))))
        .withInput(StatisticsGen.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examples))
        .withOutput(StatisticsGen.STATISTICS, out.toString())
        .run();

    var train = StatisticsJson.readSplit(out.toString(), "train");
    assertEquals(List.of("All Examples", "company_<script>alert('x')</script>", "company_A & B", "company_Flash Cab"),
        train.datasets().stream().map(DatasetFeatureStatistics::name).toList());
    assertEquals(630.0, train.whole().weightedNumExamples(), "60 + 120 + 0 + 300 + 60 + 90 seconds");
    assertEquals(List.of("company", "fare"), train.whole().features().stream().map(f -> f.name()).toList(),
        "the weight feature has no statistics");
    DatasetFeatureStatistics flash = train.dataset("company_Flash Cab");
    assertEquals(3, flash.numExamples());
    assertEquals(120.0, flash.weightedNumExamples());
    // Fares 5 (60 s) and 0 (60 s); the 0-second trip has no fare.
    assertEquals(2.5, flash.requireFeature("fare").numStats().weightedNumericStats().mean());
    // The trip without a fare lasted 0 s, so it is missing with weight 0.
    assertEquals(1, flash.requireFeature("fare").commonStats().numMissing());
    assertEquals(0.0, flash.requireFeature("fare").commonStats().weightedCommonStats().numMissing());
    assertEquals(120.0, flash.requireFeature("fare").commonStats().weightedCommonStats().numNonMissing());
    String page = assertDoesNotThrow(() -> Files.readString(out.resolve("Split-train/FeatureStats.html")));
    assertTrue(page.contains("<td class=\"split\">train / company_Flash Cab</td>"), "slices on the page");
    assertTrue(page.contains("train / company_&lt;script&gt;"), "slice names escaped");
    assertTrue(page.contains("Slices of train: 3."), page);
  }

  @Test
  void computesOnlyTheRequestedSplitsAndRejectsUnknownOnes() {
    String examples = writeExamples();
    Path out = tmp.resolve("only-eval");
    ComponentResult result = ComponentRun.of(new StatisticsGen())
        .withParameters(StatisticsGenParameters.defaults().withSplitNames(List.of("eval")))
        .withInput(StatisticsGen.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examples))
        .withOutput(StatisticsGen.STATISTICS, out.toString())
        .run();
    assertEquals(List.of("eval"), result.output(StatisticsGen.STATISTICS).properties().getStringList("split_names"));
    assertFalse(Files.exists(out.resolve("Split-train")));

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ComponentRun.of(new StatisticsGen())
            .withParameters(StatisticsGenParameters.defaults().withSplitNames(List.of("test")))
            .withInput(StatisticsGen.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examples))
            .withOutput(StatisticsGen.STATISTICS, tmp.resolve("x").toString())
            .run());
    assertEquals("StatisticsGen: split 'test' is not in the Examples at " + examples
        + "; splits there: [eval, train]", e.getMessage());
  }

  @Test
  void emptySplitHasNoExamplesAndNoFeatures() {
    String uri = tmp.resolve("empty-examples").toString();
    Pipeline p = Pipeline.create();
    p.apply(Create.empty(io.beamline.io.examples.ExampleCoder.of()))
        .apply(ExamplesIO.write(uri, "test").withNumShards(1));
    p.run().waitUntilFinish();
    Path out = tmp.resolve("empty-stats");
    StatisticsGen.run(uri, out.toString());
    DatasetFeatureStatistics test = StatisticsJson.readSplit(out.toString(), "test").whole();
    assertEquals(0, test.numExamples());
    assertTrue(test.features().isEmpty());
    assertTrue(Files.exists(out.resolve("Split-test/FeatureStats.html")));
  }

  @Test
  void libraryCallOverBatchesMatchesTheRootsPath() {
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      examples.add(trip(i, i % 7 == 0 ? null : i * 0.5f, i % 3 == 0 ? "a" : "b"));
    }
    ExampleBatch first = ExampleBatch.fromExamples(examples.subList(0, 20), Map.of());
    ExampleBatch second = ExampleBatch.fromExamples(examples.subList(20, 50), Map.of());
    DatasetFeatureStatistics viaBatches = FeatureStatistics.compute(List.of(first, second));
    DatasetFeatureStatistics viaRoots = first.withRoot(r1 -> second.withRoot(r2 -> FeatureStatistics.computeRoots(List.of(r1, r2))));
    assertEquals(viaRoots, viaBatches);
    assertEquals(50, viaBatches.numExamples());
    assertEquals(17, viaBatches.requireFeature("company").stringStats().topValues().get(1).frequency());
  }
}
