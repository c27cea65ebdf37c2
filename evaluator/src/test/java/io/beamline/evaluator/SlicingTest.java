package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.Json;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.statistics.CommonStatistics;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.core.statistics.StatisticsType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

class SlicingTest {
  @TempDir Path dir;

  @Test
  void slicesAreInNaturalOrder() {
    List<String> names = new ArrayList<>(List.of("hour=10", "kind=a,hour=10", "Overall", "hour=2", "kind=a,hour=9",
        "hour=1", "fare=[10, 20)", "fare=[2.5, 10)", "fare=[-3, 2.5)"));
    names.sort(SliceOrder.INSTANCE);
    assertEquals(List.of("Overall", "fare=[-3, 2.5)", "fare=[2.5, 10)", "fare=[10, 20)", "hour=1", "hour=2", "hour=10",
        "kind=a,hour=9", "kind=a,hour=10"), names);
  }

  /** A feature whose quantiles histogram has {@code values} in equal-count buckets of width 10 from 0. */
  private static FeatureNameStatistics numeric(String name, int buckets, double countPerBucket) {
    List<Histogram.Bucket> list = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      list.add(new Histogram.Bucket(10.0 * b, 10.0 * (b + 1), countPerBucket));
    }
    return feature(name, new Histogram(Histogram.Type.QUANTILES, 0, list));
  }

  private static FeatureNameStatistics feature(String name, Histogram quantiles) {
    long n = (long) quantiles.buckets().stream().mapToDouble(Histogram.Bucket::sampleCount).sum();
    return new FeatureNameStatistics(name, StatisticsType.FLOAT,
        new CommonStatistics(n, 0, 1, 1, 1, n, new Histogram(Histogram.Type.QUANTILES, 0, List.of())),
        new NumericStatistics(0.0, 1.0, 0, quantiles.buckets().get(0).lowValue(), 0.0,
            quantiles.buckets().get(quantiles.buckets().size() - 1).highValue(), 0, 0, 0, List.of(quantiles)), null);
  }

  @Test
  void quantileBucketsCutTheStatisticsAtEqualMass() {
    DatasetFeatureStatistics stats = new DatasetFeatureStatistics("All Examples", 1000, null,
        List.of(numeric("fare", 10, 100)));
    QuantileBuckets four = QuantileBuckets.of(stats, "fare", 4, "test");
    assertArrayEquals(new double[] {0, 25, 50, 75, 100}, four.edges(), 1e-9);
    assertEquals("[0, 25)", four.name(10));
    assertEquals("[0, 25)", four.name(-5));
    assertEquals("[50, 75)", four.name(50));
    assertEquals("[75, 100]", four.name(100));
    assertEquals("[75, 100]", four.name(1e6));
    QuantileBuckets three = QuantileBuckets.of(stats, "fare", 3, "test");
    assertEquals("[0, 33.33)", three.name(1));
  }

  @Test
  void theEvaluatorSlicesByQuantileBucketsOfTheStatistics() throws Exception {
    EvalData data = EvalData.write(dir.resolve("examples"), 1200, 3);
    List<Double> x1 = data.examples.stream().map(e -> (double) EvalData.value(e, "x1")).sorted().toList();
    List<Histogram.Bucket> deciles = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      deciles.add(new Histogram.Bucket(x1.get(d * x1.size() / 10), d == 9 ? x1.get(x1.size() - 1)
          : x1.get((d + 1) * x1.size() / 10), x1.size() / 10.0));
    }
    DatasetFeatureStatistics whole = new DatasetFeatureStatistics("All Examples", x1.size(), null,
        List.of(feature("x1", new Histogram(Histogram.Type.QUANTILES, 0, deciles))));
    Path stats = dir.resolve("stats");
    StatisticsJson.write(DatasetFeatureStatisticsList.of(whole), StatisticsJson.splitFile(stats.toString(), "eval"));

    Path model = TestModels.good(dir.resolve("model"));
    Path out = dir.resolve("out");
    ComponentRun.of(new Evaluator())
        .withParameters(EvaluatorParameters.forLabel("label")
            .withSlicing(SlicingSpec.byQuantiles(4, "x1"), SlicingSpec.byFeatures("hour")))
        .withInput(Evaluator.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, data.uri.toString()))
        .withInput(Evaluator.MODEL, ResolvedArtifact.at(ArtifactType.MODEL, model.toString()))
        .withInput(Evaluator.STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, stats.toString()))
        .withOutput(Evaluator.EVALUATION, out.resolve("evaluation").toString())
        .withOutput(Evaluator.BLESSING, out.resolve("blessing").toString())
        .run();
    EvaluationReport report = Json.read(Files.readString(out.resolve("evaluation/metrics.json")), EvaluationReport.class);

    QuantileBuckets buckets = QuantileBuckets.of(whole, "x1", 4, "test");
    Map<String, Long> expected = new TreeMap<>(SliceOrder.INSTANCE);
    for (Example e : data.examples) {
      expected.merge("x1=" + buckets.name(EvalData.value(e, "x1")), 1L, Long::sum);
    }
    assertEquals(4, expected.size());
    expected.forEach((slice, count) -> assertEquals(count, report.slice(slice).candidate().exampleCount(), slice));
    // about equal mass: edges between deciles are interpolated linearly within a decile
    expected.values().forEach(count -> assertTrue(Math.abs(count - 300) <= 12, "equal mass: " + expected));
    List<String> reported = report.slices().stream().map(EvaluationReport.SliceMetrics::slice).toList();
    List<String> sorted = new ArrayList<>(reported);
    sorted.sort(SliceOrder.INSTANCE);
    assertEquals(sorted, reported);
    assertEquals("Overall", reported.get(0));
  }
}
