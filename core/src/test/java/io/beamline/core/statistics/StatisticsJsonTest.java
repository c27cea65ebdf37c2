package io.beamline.core.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatisticsJsonTest {
  @TempDir Path tmp;

  static DatasetFeatureStatisticsList sample() {
    Histogram counts = new Histogram(Histogram.Type.QUANTILES, 0,
        List.of(new Histogram.Bucket(1, 1, 1.5), new Histogram.Bucket(1, 2, 1.5)));
    FeatureNameStatistics fare = new FeatureNameStatistics("fare", StatisticsType.FLOAT,
        new CommonStatistics(3, 1, 1, 2, 4.0 / 3, 4, counts),
        new NumericStatistics(2.5, 1.0, 1, 0.0, 2.0, 5.0, 1, 0, 2,
            List.of(new Histogram(Histogram.Type.STANDARD, 1, List.of(new Histogram.Bucket(0, 5, 3))))), null);
    FeatureNameStatistics empty = new FeatureNameStatistics("nothing", StatisticsType.INT,
        new CommonStatistics(0, 4, 0, 0, 0, 0, new Histogram(Histogram.Type.QUANTILES, 0, List.of())),
        new NumericStatistics(null, null, 0, null, null, null, 0, 0, 0, List.of()), null);
    FeatureNameStatistics company = new FeatureNameStatistics("company", StatisticsType.STRING,
        new CommonStatistics(2, 2, 1, 1, 1, 2, counts), null,
        new StringStatistics(1, List.of(new StringStatistics.FreqAndValue("<script>Cab", 2)), 11,
            new RankHistogram(List.of(new RankHistogram.Bucket(0, 0, "<script>Cab", 2))), 0, false));
    return DatasetFeatureStatisticsList.of(new DatasetFeatureStatistics(
        DatasetFeatureStatistics.ALL_EXAMPLES, 4, null, List.of(company, fare, empty)));
  }

  @Test
  void roundTripsThroughAFileWithProtoFieldNames() throws Exception {
    DatasetFeatureStatisticsList stats = sample();
    String file = StatisticsJson.splitFile(tmp.toString(), "train");
    StatisticsJson.write(stats, file);

    String text = Files.readString(tmp.resolve("Split-train/FeatureStats.json"));
    for (String name : List.of("\"num_examples\"", "\"num_non_missing\"", "\"num_values_histogram\"",
        "\"std_dev\"", "\"low_value\"", "\"sample_count\"", "\"top_values\"", "\"rank_histogram\"",
        "\"avg_length\"", "\"common_stats\"", "\"num_stats\"", "\"string_stats\"")) {
      assertTrue(text.contains(name), name);
    }
    assertFalse(text.contains("NaN"), "undefined values are left out, not written as NaN");
    assertFalse(text.contains("weighted_num_examples"));
    assertEquals(stats, StatisticsJson.readSplit(tmp.toString(), "train"));
  }

  /** A weighted whole split and one slice, with every weighted field set. */
  static DatasetFeatureStatisticsList weightedWithSlice() {
    Histogram counts = new Histogram(Histogram.Type.QUANTILES, 0, List.of(new Histogram.Bucket(1, 1, 3)));
    Histogram weightedHist = new Histogram(Histogram.Type.QUANTILES, 0,
        List.of(new Histogram.Bucket(0, 2, 1.25), new Histogram.Bucket(2, 5, 1.25)));
    FeatureNameStatistics fare = new FeatureNameStatistics("fare", StatisticsType.FLOAT,
        new CommonStatistics(3, 1, 1, 1, 1, 3, counts, new WeightedCommonStatistics(2.5, 0.5, 1, 2.5)),
        new NumericStatistics(2.5, 1.0, 1, 0.0, 2.0, 5.0, 0, 0, 0, List.of(),
            new WeightedNumericStatistics(3.0, 1.5, 2.0, List.of(weightedHist))), null);
    FeatureNameStatistics company = new FeatureNameStatistics("company", StatisticsType.STRING,
        new CommonStatistics(3, 1, 1, 1, 1, 3, counts, new WeightedCommonStatistics(2.5, 0.5, 1, 2.5)), null,
        new StringStatistics(2, List.of(new StringStatistics.FreqAndValue("A", 2)), 1,
            new RankHistogram(List.of(new RankHistogram.Bucket(0, 0, "A", 2))), 0, false,
            new WeightedStringStatistics(List.of(new StringStatistics.FreqAndValue("B", 1.75)),
                new RankHistogram(List.of(new RankHistogram.Bucket(0, 0, "B", 1.75))))));
    DatasetFeatureStatistics whole = new DatasetFeatureStatistics(
        DatasetFeatureStatistics.ALL_EXAMPLES, 4, 3.0, List.of(company, fare));
    DatasetFeatureStatistics slice = new DatasetFeatureStatistics("company_A", 2, 1.25, List.of(fare));
    return new DatasetFeatureStatisticsList(List.of(whole, slice));
  }

  @Test
  void weightedFieldsAndSlicesRoundTripWithProtoFieldNames() {
    String text = StatisticsJson.toJson(weightedWithSlice());
    for (String name : List.of("\"weighted_num_examples\"", "\"weighted_common_stats\"",
        "\"weighted_numeric_stats\"", "\"weighted_string_stats\"", "\"company_A\"")) {
      assertTrue(text.contains(name), name);
    }
    DatasetFeatureStatisticsList back = StatisticsJson.fromJson(text, "test");
    assertEquals(weightedWithSlice(), back);
    assertEquals(1.75, back.whole().requireFeature("company").stringStats().weightedStringStats()
        .topValues().get(0).frequency());
    assertEquals(1.25, back.dataset("company_A").weightedNumExamples());
  }

  @Test
  void unweightedStatisticsHaveNoWeightedFields() {
    String text = StatisticsJson.toJson(sample());
    assertFalse(text.contains("weighted"), text);
  }

  @Test
  void undefinedNumericValuesAreAbsentAndReadBackAsNull() {
    DatasetFeatureStatisticsList back = StatisticsJson.fromJson(StatisticsJson.toJson(sample()), "test");
    NumericStatistics none = back.whole().requireFeature("nothing").numStats();
    assertEquals(null, none.mean());
    assertEquals(null, none.min());
  }

  @Test
  void corruptFileNamesTheFile() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> StatisticsJson.fromJson("{\"datasets\": [{\"num_examples\": \"many\"}]}", "stats/FeatureStats.json"));
    assertTrue(e.getMessage().startsWith("Cannot read statistics from stats/FeatureStats.json"), e.getMessage());
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> StatisticsJson.read(tmp.resolve("nope.json").toString()));
    assertTrue(missing.getMessage().contains("nope.json"), missing.getMessage());
  }
}
