package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.RankHistogram;
import io.beamline.core.statistics.StringStatistics.FreqAndValue;
import io.beamline.core.statistics.WeightedCommonStatistics;
import io.beamline.core.statistics.WeightedNumericStatistics;
import io.beamline.core.statistics.WeightedStringStatistics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Weighted statistics on four hand-built examples whose answers are worked out below:
 *
 * <pre>
 * row  w    x       s
 * 0    1    [1]     [a]
 * 1    2    [3]     [b]
 * 2    0.5  missing [a]
 * 3    0.5  [2, 4]  [a, b]
 * </pre>
 *
 * weighted_num_examples = 4. x: present weight 1 + 2 + 0.5 = 3.5, missing 0.5, weighted values
 * 1*1 + 2*1 + 0.5*2 = 4, avg 4 / 3.5. Values with weights 1@1, 3@2, 2@0.5, 4@0.5: sum of weights 4,
 * sum of w*x 1 + 6 + 1 + 2 = 10 so mean 2.5; sum of w*x^2 1 + 18 + 2 + 8 = 29 so variance
 * 29/4 - 2.5^2 = 1 and std_dev 1; cumulative weight by value 1, 1.5, 3.5, 4 so the weighted median
 * (first value reaching half the weight, 2) is 3. s: a weighs 1 + 0.5 + 0.5 = 2, b weighs 2 + 0.5 =
 * 2.5, so weighted b ranks first although a is more frequent (3 against 2); its weighted values
 * 1*1 + 2*1 + 0.5*1 + 0.5*2 = 4.5 over present weight 4.
 */
class WeightedStatisticsTest {
  private final BufferAllocator allocator = new RootAllocator();
  private final List<VectorSchemaRoot> open = new ArrayList<>();

  @AfterEach
  void close() {
    open.forEach(VectorSchemaRoot::close);
    allocator.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private VectorSchemaRoot root(Batches batches) {
    VectorSchemaRoot root = batches.build(allocator);
    open.add(root);
    return root;
  }

  private VectorSchemaRoot handBuilt() {
    return root(Batches.rows(4)
        .floats("w", List.of(List.of(1f), List.of(2f), List.of(0.5f), List.of(0.5f)))
        .floats("x", Arrays.asList(List.of(1f), List.of(3f), null, List.of(2f, 4f)))
        .bytes("s", List.of(List.of(utf8("a")), List.of(utf8("b")), List.of(utf8("a")), List.of(utf8("a"), utf8("b")))));
  }

  private static DatasetFeatureStatistics weighted(VectorSchemaRoot root) {
    return FeatureStatistics.computeRoots(List.of(root), StatisticsOptions.defaults().withWeightFeature("w"));
  }

  @Test
  void weightedCountsMeanStdDevAndMedianMatchTheHandComputation() {
    DatasetFeatureStatistics stats = weighted(handBuilt());
    assertEquals(4, stats.numExamples());
    assertEquals(4.0, stats.weightedNumExamples());
    assertEquals(List.of("s", "x"), stats.features().stream().map(FeatureNameStatistics::name).toList(),
        "the weight feature gets no statistics");

    FeatureNameStatistics x = stats.requireFeature("x");
    assertEquals(new WeightedCommonStatistics(3.5, 0.5, 4 / 3.5, 4.0), x.commonStats().weightedCommonStats());
    WeightedNumericStatistics wn = x.numStats().weightedNumericStats();
    assertEquals(2.5, wn.mean());
    assertEquals(1.0, wn.stdDev());
    assertEquals(3.0, wn.median());
    assertEquals(4.0, wn.histogram(Histogram.Type.QUANTILES).orElseThrow().totalCount(), 1e-9);
    assertEquals(4.0, wn.histogram(Histogram.Type.STANDARD).orElseThrow().totalCount(), 1e-9);
    // The unweighted statistics are unchanged by the weights.
    assertEquals(2.5, x.numStats().mean());
    assertEquals(3, x.commonStats().numNonMissing());
  }

  @Test
  void weightedTopValuesAndRankHistogramRankByTotalWeight() {
    FeatureNameStatistics s = weighted(handBuilt()).requireFeature("s");
    assertEquals(List.of(new FreqAndValue("a", 3), new FreqAndValue("b", 2)), s.stringStats().topValues());
    WeightedStringStatistics ws = s.stringStats().weightedStringStats();
    assertEquals(List.of(new FreqAndValue("b", 2.5), new FreqAndValue("a", 2.0)), ws.topValues());
    assertEquals(List.of(new RankHistogram.Bucket(0, 0, "b", 2.5), new RankHistogram.Bucket(1, 1, "a", 2.0)),
        ws.rankHistogram().buckets());
    assertEquals(new WeightedCommonStatistics(4.0, 0, 4.5 / 4, 4.5), s.commonStats().weightedCommonStats());
  }

  @Test
  void weightedTopValuesPastTheCardinalityBoundComeFromTheSketch() {
    DatasetFeatureStatistics stats = FeatureStatistics.computeRoots(List.of(handBuilt()),
        StatisticsOptions.defaults().withWeightFeature("w").withCardinalityBound(1));
    var s = stats.requireFeature("s").stringStats();
    assertTrue(s.approximate());
    assertEquals(List.of(new FreqAndValue("b", 2.5), new FreqAndValue("a", 2.0)),
        s.weightedStringStats().topValues());
  }

  @Test
  void withoutAWeightFeatureThereAreNoWeightedFields() {
    DatasetFeatureStatistics stats = FeatureStatistics.computeRoots(List.of(handBuilt()));
    assertNull(stats.weightedNumExamples());
    assertNull(stats.requireFeature("x").commonStats().weightedCommonStats());
    assertNull(stats.requireFeature("x").numStats().weightedNumericStats());
    assertNull(stats.requireFeature("s").stringStats().weightedStringStats());
    assertEquals(3, stats.features().size(), "w is an ordinary feature then");
  }

  @Test
  void integerWeightsAndZeroWeightsAreAccepted() {
    VectorSchemaRoot r = root(Batches.rows(3)
        .ints("w", List.of(List.of(0L), List.of(3L), List.of(1L)))
        .ints("n", List.of(List.of(100L), List.of(1L), List.of(5L))));
    WeightedNumericStatistics n = weighted(r).requireFeature("n").numStats().weightedNumericStats();
    assertEquals(2.0, n.mean(), "(3*1 + 1*5) / 4; the zero-weight 100 counts for nothing");
    assertEquals(5.0, n.histogram(Histogram.Type.QUANTILES).orElseThrow().buckets().get(9).highValue());
  }

  @Test
  void missingWeightIsAnErrorNamingTheFeatureAndRow() {
    VectorSchemaRoot r = root(Batches.rows(3)
        .floats("w", Arrays.asList(List.of(1f), null, List.of(1f)))
        .floats("x", List.of(List.of(1f), List.of(2f), List.of(3f))));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> weighted(r));
    assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("row) 1"), e.getMessage());
  }

  @Test
  void nonNumericNegativeOrMultipleWeightsAreErrors() {
    VectorSchemaRoot bytes = root(Batches.rows(1).bytes("w", List.of(List.of(utf8("heavy")))));
    InvalidInputException notNumeric = assertThrows(InvalidInputException.class, () -> weighted(bytes));
    assertTrue(notNumeric.getMessage().contains("'w' must hold INT or FLOAT"), notNumeric.getMessage());

    VectorSchemaRoot negative = root(Batches.rows(2).floats("w", List.of(List.of(1f), List.of(-1f))));
    InvalidInputException neg = assertThrows(InvalidInputException.class, () -> weighted(negative));
    assertTrue(neg.getMessage().contains("weight -1.0 in example (row) 1"), neg.getMessage());

    VectorSchemaRoot two = root(Batches.rows(1).floats("w", List.of(List.of(1f, 2f))));
    InvalidInputException multi = assertThrows(InvalidInputException.class, () -> weighted(two));
    assertTrue(multi.getMessage().contains("has 2 values in example (row) 0"), multi.getMessage());

    VectorSchemaRoot absent = root(Batches.rows(1).floats("x", List.of(List.of(1f))));
    InvalidInputException none = assertThrows(InvalidInputException.class, () -> weighted(absent));
    assertTrue(none.getMessage().contains("Weight feature 'w' is missing"), none.getMessage());
  }
}
