package io.beamline.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.monitoring.MetricRef;
import io.beamline.core.monitoring.Series;
import io.beamline.core.monitoring.StatisticRef;
import io.beamline.core.statistics.CommonStatistics;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.core.statistics.StatisticsType;
import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History over a real store filled by real pipeline runs of small statistics and evaluation writers. */
class HistoryTest {
  @TempDir Path home;
  private MetadataStore store;
  private ArtifactRoot root;

  @BeforeEach
  void open() {
    store = MetadataStore.openSqlite(home.resolve("metadata.sqlite"));
    root = ArtifactRoot.of(home.resolve("artifacts").toString());
  }

  @AfterEach
  void close() {
    store.close();
  }

  record SpanParameters(long span, double fareMean, double auc) {}

  /** Writes one span's statistics (fare with the given mean, 100 examples) as StatisticsGen lays them out. */
  static final class SpanStatistics implements Component<SpanParameters> {
    @Override
    public ComponentSpec<SpanParameters> spec() {
      return ComponentSpec.named("SpanStatistics", new SpanParameters(0, 0, 0))
          .withOutput("statistics", ArtifactType.EXAMPLE_STATISTICS);
    }

    @Override
    public Executor<SpanParameters> executor() {
      return context -> {
        SpanParameters p = context.parameters();
        var fare = new FeatureNameStatistics("fare", StatisticsType.FLOAT,
            new CommonStatistics(90, 10, 1, 1, 1, 90, new Histogram(Histogram.Type.QUANTILES, 0, List.of())),
            new NumericStatistics(p.fareMean(), 1.0, 0, 0.0, p.fareMean(), 100.0, 0, 0, 0, List.of()), null);
        StatisticsJson.write(DatasetFeatureStatisticsList.of(new DatasetFeatureStatistics(
            DatasetFeatureStatistics.ALL_EXAMPLES, 100, null, List.of(fare))),
            StatisticsJson.splitFile(context.outputUri("statistics"), "train"));
        return Map.of("statistics", ArtifactProperties.empty().with(PropertyNames.SPAN, p.span()));
      };
    }
  }

  /** Writes metrics.json with an Overall and a worse slice, as the Evaluator does. */
  static final class SpanEvaluation implements Component<SpanParameters> {
    @Override
    public ComponentSpec<SpanParameters> spec() {
      return ComponentSpec.named("SpanEvaluation", new SpanParameters(0, 0, 0))
          .withInput(ChannelSpec.required("statistics", ArtifactType.EXAMPLE_STATISTICS))
          .withOutput("evaluation", ArtifactType.MODEL_EVALUATION);
    }

    @Override
    public Executor<SpanParameters> executor() {
      return context -> {
        double auc = context.parameters().auc();
        Files.writeString(Path.of(context.outputUri("evaluation"), "metrics.json"), "{\"slices\": ["
            + "{\"slice\": \"Overall\", \"candidate\": {\"values\": {\"auc\": " + auc + "}}},"
            + "{\"slice\": \"hour=3\", \"candidate\": {\"values\": {\"auc\": " + (auc - 0.1) + "}}}]}");
        return Map.of("evaluation", ArtifactProperties.empty().with(PropertyNames.SPAN, context.parameters().span()));
      };
    }
  }

  private void runSpan(long span, double mean, double auc) {
    var stats = Node.of(new SpanStatistics()).withParameters(new SpanParameters(span, mean, auc));
    var eval = Node.of(new SpanEvaluation()).withParameters(new SpanParameters(span, mean, auc))
        .withInput("statistics", stats.output("statistics"));
    assertTrue(LocalOrchestrator.using(store, root).run(Pipeline.of("taxi", stats, eval)).succeeded());
  }

  @Test
  void seriesFollowSpansAndTheNewestArtifactOfASpanStands() {
    runSpan(0, 10, 0.80);
    runSpan(2, 12, 0.70);
    runSpan(1, 11, 0.78);
    runSpan(2, 30, 0.60); // span 2 recomputed: this one counts

    History history = History.of(store).inPipeline("taxi").ofNode("SpanStatistics");
    Series mean = history.statistic(StatisticRef.parse("fare:mean"), "train");
    assertEquals(List.of(0L, 1L, 2L), mean.points().stream().map(p -> p.span()).toList());
    assertArrayEquals(new double[] {10, 11, 30}, mean.values());
    assertArrayEquals(new double[] {0.1, 0.1, 0.1},
        history.statistic(StatisticRef.parse("fare:missing_fraction"), "train").values(), 1e-12);
    assertTrue(Double.isNaN(history.statistic(StatisticRef.parse("tips:mean"), "train").values()[0]));

    Series drift = history.withSpanDistance((cur, base, split, feature) -> OptionalDouble.of(
            StatisticRef.parse(feature + ":mean").read(StatisticsJson.readSplit(cur, split).whole()).orElseThrow()
                - StatisticRef.parse(feature + ":mean").read(StatisticsJson.readSplit(base, split).whole()).orElseThrow()))
        .statistic(StatisticRef.parse("fare:drift"), "train");
    assertArrayEquals(new double[] {Double.NaN, 1, 19}, drift.values());

    Series worst = History.of(store).inPipeline("taxi").metric(MetricRef.parse("auc@worst"));
    assertArrayEquals(new double[] {0.7, 0.68, 0.5}, worst.values(), 1e-12);
  }

  @Test
  void previousSpansResolvesEarlierSpansOldestFirst() {
    for (long span = 0; span < 5; span++) {
      runSpan(span, 10 + span, 0.8);
    }
    Context pipeline = store.getContext(ContextTypes.PIPELINE, "taxi").orElseThrow();
    List<ResolvedArtifact> all = History.of(store).inPipeline("taxi").artifacts(ArtifactType.EXAMPLE_STATISTICS);
    ResolvedArtifact span3 = all.get(3);
    List<ResolvedArtifact> found = PreviousSpans.of(ArtifactType.EXAMPLE_STATISTICS, 2).ofNode("SpanStatistics")
        .before("statistics").resolve(store, pipeline, Map.of("statistics", List.of(span3)));
    assertEquals(List.of(1L, 2L), found.stream().map(a -> a.properties().getLong(PropertyNames.SPAN)).toList());
  }
}
