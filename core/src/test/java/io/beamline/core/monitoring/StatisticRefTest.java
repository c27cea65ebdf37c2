package io.beamline.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import io.beamline.core.statistics.CommonStatistics;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.RankHistogram;
import io.beamline.core.statistics.StatisticsType;
import io.beamline.core.statistics.StringStatistics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticRefTest {
  private static final Histogram NO_COUNTS = new Histogram(Histogram.Type.QUANTILES, 0, List.of());

  /** fare: 80 present of 100, values 0..80 in 10 equal-mass buckets of 8; payment: Cash 60, Card 30. */
  private static DatasetFeatureStatistics data() {
    List<Histogram.Bucket> buckets = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      buckets.add(new Histogram.Bucket(i * 8, (i + 1) * 8, 8));
    }
    var fare = new FeatureNameStatistics("fare", StatisticsType.FLOAT,
        new CommonStatistics(80, 20, 1, 1, 1, 80, NO_COUNTS),
        new NumericStatistics(40.0, 23.0, 0, 0.0, 40.0, 80.0, 0, 0, 0,
            List.of(new Histogram(Histogram.Type.QUANTILES, 0, buckets))), null);
    var payment = new FeatureNameStatistics("payment", StatisticsType.STRING,
        new CommonStatistics(90, 10, 1, 1, 1, 90, NO_COUNTS), null,
        new StringStatistics(2, List.of(new StringStatistics.FreqAndValue("Cash", 60),
            new StringStatistics.FreqAndValue("Card", 30)), 4, new RankHistogram(List.of()), 0, false));
    return new DatasetFeatureStatistics(DatasetFeatureStatistics.ALL_EXAMPLES, 100, null, List.of(fare, payment));
  }

  private static double read(String ref) {
    return StatisticRef.parse(ref).read(data()).orElseThrow();
  }

  @Test
  void readsEachStatistic() {
    assertEquals(40, read("fare:mean"));
    assertEquals(23, read("fare:std_dev"));
    assertEquals(0.2, read("fare:missing_fraction"), 1e-12);
    assertEquals(2, read("payment:unique"));
    assertEquals(60.0 / 90, read("payment:top_share=Cash"), 1e-12);
    assertEquals(0, read("payment:top_share=Bitcoin"));
    assertEquals(100, read("num_examples"));
  }

  @Test
  void quantileIsLinearInsideAnEqualMassBucket() {
    assertEquals(72, read("fare:quantile=0.9"), 1e-9); // a decile: a bucket edge
    assertEquals(20, read("fare:quantile=0.25"), 1e-9); // half-way through the third bucket [16, 24]
  }

  @Test
  void absentFeatureOrKindIsEmpty() {
    assertTrue(StatisticRef.parse("tips:mean").read(data()).isEmpty());
    assertTrue(StatisticRef.parse("payment:mean").read(data()).isEmpty());
  }

  @Test
  void parseErrorsSayWhatIsAllowed() {
    var e = assertThrows(InvalidParameterException.class, () -> StatisticRef.parse("fare:average"));
    assertTrue(e.getMessage().contains("Unknown statistic 'average'") && e.getMessage().contains("quantile"),
        e.getMessage());
    var q = assertThrows(InvalidParameterException.class, () -> StatisticRef.parse("fare:quantile=1.5"));
    assertTrue(q.getMessage().contains("[0, 1]"), q.getMessage());
    var arg = assertThrows(InvalidParameterException.class, () -> StatisticRef.parse("fare:quantile"));
    assertTrue(arg.getMessage().contains("needs an argument"), arg.getMessage());
  }

  @Test
  void metricOfASliceOrTheWorstSlice() throws Exception {
    JsonNode metrics = Json.mapper().readTree("{\"slices\": ["
        + "{\"slice\": \"Overall\", \"candidate\": {\"values\": {\"auc\": 0.9}}},"
        + "{\"slice\": \"hour=3\", \"candidate\": {\"values\": {\"auc\": 0.7}}},"
        + "{\"slice\": \"hour=4\", \"candidate\": {\"values\": {\"auc\": 0.8}}}]}");
    assertEquals(0.9, MetricRef.parse("auc").read(metrics, "m").orElseThrow());
    assertEquals(0.8, MetricRef.parse("auc@hour=4").read(metrics, "m").orElseThrow());
    assertEquals(0.7, MetricRef.parse("auc@worst").read(metrics, "m").orElseThrow());
    assertTrue(MetricRef.parse("auc@hour=5").read(metrics, "m").isEmpty());
  }
}
