package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
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
 * Slices of six hand-built trips whose answers are worked out below:
 *
 * <pre>
 * row  pay          company  fare  w
 * 0    Cash         X        10    1
 * 1    Card         X        20    2
 * 2    Cash         Y        30    1
 * 3    Cash         missing  40    1
 * 4    missing      X        50    1
 * 5    Cash, Card   X        60    1
 * </pre>
 *
 * By pay: pay_Card = rows 1, 5 (fare mean 40; weight 3, weighted mean (2*20 + 60) / 3);
 * pay_Cash = rows 0, 2, 3, 5 (mean 35); row 4 is in no slice. By pay and company (the cross):
 * pay_Card_company_X = rows 1, 5 (mean 40), pay_Cash_company_X = rows 0, 5 (mean 35),
 * pay_Cash_company_Y = row 2 (30); rows 3 and 4 miss one feature, so they are in no cross slice.
 */
class SliceStatisticsTest {
  private final BufferAllocator allocator = new RootAllocator();
  private final List<VectorSchemaRoot> open = new ArrayList<>();

  @AfterEach
  void close() {
    open.forEach(VectorSchemaRoot::close);
    allocator.close();
  }

  private static List<byte[]> text(String... values) {
    return Arrays.stream(values).map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private VectorSchemaRoot trips() {
    VectorSchemaRoot root = Batches.rows(6)
        .bytes("pay", Arrays.asList(text("Cash"), text("Card"), text("Cash"), text("Cash"), null, text("Cash", "Card")))
        .bytes("company", Arrays.asList(text("X"), text("X"), text("Y"), null, text("X"), text("X")))
        .floats("fare", List.of(List.of(10f), List.of(20f), List.of(30f), List.of(40f), List.of(50f), List.of(60f)))
        .floats("w", List.of(List.of(1f), List.of(2f), List.of(1f), List.of(1f), List.of(1f), List.of(1f)))
        .build(allocator);
    open.add(root);
    return root;
  }

  private static List<String> names(DatasetFeatureStatisticsList stats) {
    return stats.datasets().stream().map(DatasetFeatureStatistics::name).toList();
  }

  private static double meanFare(DatasetFeatureStatistics d) {
    return d.requireFeature("fare").numStats().mean();
  }

  @Test
  void oneSliceFeatureGivesTheWholeDataSetThenOneDataSetPerValue() {
    DatasetFeatureStatisticsList stats = FeatureStatistics.computeRootsWithSlices(List.of(trips()),
        StatisticsOptions.defaults().withSliceBy(List.of("pay")));
    assertEquals(List.of("All Examples", "pay_Card", "pay_Cash"), names(stats));
    assertEquals(6, stats.whole().numExamples());
    assertEquals(35.0, meanFare(stats.whole()));
    assertEquals(2, stats.dataset("pay_Card").numExamples());
    assertEquals(40.0, meanFare(stats.dataset("pay_Card")));
    assertEquals(4, stats.dataset("pay_Cash").numExamples());
    assertEquals(35.0, meanFare(stats.dataset("pay_Cash")));
    assertEquals(0, stats.dataset("pay_Cash").requireFeature("pay").commonStats().numMissing());
    assertEquals(1, stats.dataset("pay_Cash").requireFeature("company").commonStats().numMissing());
  }

  @Test
  void severalSliceFeaturesSliceByTheCrossOfTheirValues() {
    DatasetFeatureStatisticsList stats = FeatureStatistics.computeRootsWithSlices(List.of(trips()),
        StatisticsOptions.defaults().withSliceBy(List.of("pay", "company")));
    assertEquals(List.of("All Examples", "pay_Card_company_X", "pay_Cash_company_X", "pay_Cash_company_Y"),
        names(stats));
    assertEquals(List.of(2L, 2L, 1L), stats.datasets().subList(1, 4).stream()
        .map(DatasetFeatureStatistics::numExamples).toList());
    assertEquals(40.0, meanFare(stats.dataset("pay_Card_company_X")));
    assertEquals(35.0, meanFare(stats.dataset("pay_Cash_company_X")));
    assertEquals(30.0, meanFare(stats.dataset("pay_Cash_company_Y")));
  }

  @Test
  void slicesAreWeightedToo() {
    DatasetFeatureStatisticsList stats = FeatureStatistics.computeRootsWithSlices(List.of(trips()),
        StatisticsOptions.defaults().withSliceBy(List.of("pay")).withWeightFeature("w"));
    assertEquals(7.0, stats.whole().weightedNumExamples());
    DatasetFeatureStatistics card = stats.dataset("pay_Card");
    assertEquals(3.0, card.weightedNumExamples());
    assertEquals(100.0 / 3, card.requireFeature("fare").numStats().weightedNumericStats().mean(), 1e-12);
  }

  @Test
  void slicesSpanBatchesAndIntValuesNameSlices() {
    VectorSchemaRoot a = Batches.rows(2).ints("hour", List.of(List.of(5L), List.of(17L)))
        .floats("x", List.of(List.of(1f), List.of(2f))).build(allocator);
    VectorSchemaRoot b = Batches.rows(2).ints("hour", List.of(List.of(5L), List.of(5L)))
        .floats("x", List.of(List.of(3f), List.of(5f))).build(allocator);
    VectorSchemaRoot noHour = Batches.rows(1).floats("x", List.of(List.of(7f))).build(allocator);
    open.addAll(List.of(a, b, noHour));
    DatasetFeatureStatisticsList stats = FeatureStatistics.computeRootsWithSlices(List.of(a, b, noHour),
        StatisticsOptions.defaults().withSliceBy(List.of("hour")));
    assertEquals(List.of("All Examples", "hour_17", "hour_5"), names(stats));
    assertEquals(5, stats.whole().numExamples());
    assertEquals(3.0, meanFare(stats.dataset("hour_5"), "x"));
  }

  private static double meanFare(DatasetFeatureStatistics d, String feature) {
    return d.requireFeature(feature).numStats().mean();
  }

  @Test
  void tooManySlicesIsAnErrorNamingTheFeaturesAndCount() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FeatureStatistics.computeRootsWithSlices(
        List.of(trips()), StatisticsOptions.defaults().withSliceBy(List.of("pay", "company")).withMaxSlices(2)));
    assertTrue(e.getMessage().contains("Slicing by pay, company gives more than 2 slices (3 so far)"), e.getMessage());
  }

  @Test
  void theSliceCapHoldsAcrossMergedAccumulators() {
    StatisticsOptions options = StatisticsOptions.defaults().withSliceBy(List.of("pay", "company")).withMaxSlices(2);
    VectorSchemaRoot first = Batches.rows(2).bytes("pay", List.of(text("Cash"), text("Card")))
        .bytes("company", List.of(text("X"), text("X"))).build(allocator);
    VectorSchemaRoot second = Batches.rows(1).bytes("pay", List.of(text("Cash")))
        .bytes("company", List.of(text("Y"))).build(allocator);
    open.addAll(List.of(first, second));
    SlicedAccumulator a = new SlicedAccumulator(options);
    a.add(first);
    SlicedAccumulator b = new SlicedAccumulator(options);
    b.add(second);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.merge(b));
    assertTrue(e.getMessage().contains("more than 2 slices (3 so far)"), e.getMessage());
  }

  @Test
  void floatSliceFeaturesAreRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FeatureStatistics.computeRootsWithSlices(
        List.of(trips()), StatisticsOptions.defaults().withSliceBy(List.of("fare"))));
    assertTrue(e.getMessage().contains("Slice feature 'fare' must hold INT or BYTES"), e.getMessage());
  }

  @Test
  void withoutSlicesThereIsOnlyTheWholeDataSet() {
    DatasetFeatureStatisticsList stats = FeatureStatistics.computeRootsWithSlices(List.of(trips()),
        StatisticsOptions.defaults());
    assertEquals(List.of("All Examples"), names(stats));
    assertEquals(List.of("company", "fare", "pay", "w"), stats.whole().features().stream().map(f -> f.name()).toList());
  }
}
