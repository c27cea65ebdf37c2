package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.statistics.CommonStatistics;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.StatisticsType;
import io.beamline.core.statistics.StringStatistics;
import io.beamline.core.statistics.StringStatistics.FreqAndValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeatureStatisticsTest {
  private final BufferAllocator allocator = new RootAllocator();
  private final List<VectorSchemaRoot> open = new ArrayList<>();

  @AfterEach
  void close() {
    open.forEach(VectorSchemaRoot::close);
    allocator.close();
  }

  private VectorSchemaRoot root(Batches batches) {
    VectorSchemaRoot root = batches.build(allocator);
    open.add(root);
    return root;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void countsMissingEmptyAndMultiValuedExamples() {
    VectorSchemaRoot r = root(Batches.rows(5).ints("n", Arrays.asList(
        List.of(1L, 2L), null, List.of(), List.of(0L), List.of(3L))));
    FeatureNameStatistics n = FeatureStatistics.computeRoots(List.of(r)).requireFeature("n");

    assertEquals(StatisticsType.INT, n.type());
    CommonStatistics c = n.commonStats();
    assertEquals(4, c.numNonMissing());
    assertEquals(1, c.numMissing());
    assertEquals(0, c.minNumValues());
    assertEquals(2, c.maxNumValues());
    assertEquals(4, c.totNumValues());
    assertEquals(1.0, c.avgNumValues());
    assertEquals(4.0, c.numValuesHistogram().totalCount(), 1e-9);

    NumericStatistics s = n.numStats();
    assertEquals(1.5, s.mean());
    assertEquals(Math.sqrt(1.25), s.stdDev(), 1e-15);
    assertEquals(1, s.numZeros());
    assertEquals(0.0, s.min());
    assertEquals(3.0, s.max());
    assertEquals(4.0, s.histogram(Histogram.Type.STANDARD).orElseThrow().totalCount(), 1e-9);
    assertNull(n.stringStats());
  }

  @Test
  void nanAndInfinitiesAreCountedAndKeptOutOfMeanMinMax() {
    VectorSchemaRoot r = root(Batches.rows(3).floats("x", List.of(
        List.of(1f, Float.NaN), List.of(Float.POSITIVE_INFINITY), List.of(Float.NEGATIVE_INFINITY, 3f))));
    NumericStatistics s = FeatureStatistics.computeRoots(List.of(r)).requireFeature("x").numStats();
    assertEquals(2.0, s.mean());
    assertEquals(1.0, s.stdDev());
    assertEquals(1.0, s.min());
    assertEquals(3.0, s.max());
    assertEquals(1, s.numNan());
    assertEquals(1, s.numPosInf());
    assertEquals(1, s.numNegInf());
    assertEquals(1, s.histogram(Histogram.Type.QUANTILES).orElseThrow().numNan());
  }

  @Test
  void allMissingFeatureHasCountsButNoValueStatistics() {
    VectorSchemaRoot r = root(Batches.rows(3).floats("gone", Arrays.asList(null, null, null)));
    FeatureNameStatistics f = FeatureStatistics.computeRoots(List.of(r)).requireFeature("gone");
    assertEquals(0, f.commonStats().numNonMissing());
    assertEquals(3, f.commonStats().numMissing());
    assertEquals(0, f.commonStats().minNumValues());
    assertNull(f.numStats().mean());
    assertNull(f.numStats().median());
    assertTrue(f.numStats().histograms().stream().allMatch(h -> h.buckets().isEmpty()));
  }

  @Test
  void featureAbsentFromOneBatchIsMissingThere() {
    VectorSchemaRoot a = root(Batches.rows(2).ints("k", List.of(List.of(1L), List.of(2L))));
    VectorSchemaRoot b = root(Batches.rows(3).floats("other", List.of(List.of(1f), List.of(1f), List.of(1f))));
    DatasetFeatureStatistics stats = FeatureStatistics.computeRoots(List.of(a, b));
    assertEquals(5, stats.numExamples());
    assertEquals(3, stats.requireFeature("k").commonStats().numMissing());
    assertEquals(2, stats.requireFeature("other").commonStats().numMissing());
  }

  @Test
  void stringsCountTopValuesLengthsAndInvalidUtf8() {
    byte[] invalid = {(byte) 0xff, (byte) 0xfe};
    VectorSchemaRoot r = root(Batches.rows(4).bytes("s", Arrays.asList(
        List.of(utf8("b"), utf8("a")), List.of(utf8("a"), invalid), null, List.of(utf8("<script>é")))));
    FeatureNameStatistics f = FeatureStatistics.computeRoots(List.of(r), StatisticsOptions.defaults().withTopK(2))
        .requireFeature("s");
    assertEquals(StatisticsType.BYTES, f.type(), "a value that is not UTF-8 makes the feature BYTES");
    StringStatistics s = f.stringStats();
    assertEquals(4, s.unique());
    assertEquals(List.of(new FreqAndValue("a", 2), new FreqAndValue("<script>é", 1)), s.topValues(),
        "most frequent first, ties by value");
    assertEquals(4, s.rankHistogram().buckets().size());
    assertEquals(StringAccumulator.INVALID_UTF8_LABEL, s.rankHistogram().buckets().get(2).label());
    assertEquals("b", s.rankHistogram().buckets().get(3).label());
    assertEquals((1 + 1 + 1 + 2 + 10) / 5.0, s.avgLength());
    assertEquals(1, s.invalidUtf8Count());
    assertFalse(s.approximate());
    assertNull(f.numStats());
  }

  @Test
  void validUtf8BytesAreReportedAsString() {
    VectorSchemaRoot r = root(Batches.rows(1).bytes("s", List.of(List.of(utf8("x")))));
    assertEquals(StatisticsType.STRING, FeatureStatistics.computeRoots(List.of(r)).requireFeature("s").type());
  }

  @Test
  void intInOneBatchAndFloatInAnotherIsFloat() {
    VectorSchemaRoot a = root(Batches.rows(2).ints("v", List.of(List.of(1L), List.of(2L))));
    VectorSchemaRoot b = root(Batches.rows(1).floats("v", List.of(List.of(0.5f))));
    FeatureNameStatistics v = FeatureStatistics.computeRoots(List.of(a, b)).requireFeature("v");
    assertEquals(StatisticsType.FLOAT, v.type());
    assertEquals(3.5 / 3, v.numStats().mean());
    assertEquals(0.5, v.numStats().min());
  }

  @Test
  void numbersAndBytesInOneFeatureAreRejectedNamingIt() {
    VectorSchemaRoot a = root(Batches.rows(1).ints("v", List.of(List.of(1L))));
    VectorSchemaRoot b = root(Batches.rows(1).bytes("v", List.of(List.of(utf8("x")))));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> FeatureStatistics.computeRoots(List.of(a, b)));
    assertEquals("Feature 'v' has INT values in some examples and BYTES values in others; a feature holds"
        + " either numbers (INT, FLOAT) or BYTES", e.getMessage());
  }

  @Test
  void emptyInputHasNoExamplesAndNoFeatures() {
    DatasetFeatureStatistics stats = FeatureStatistics.computeRoots(List.of());
    assertEquals(0, stats.numExamples());
    assertTrue(stats.features().isEmpty());
  }

  @Test
  void categoricalIntsAlsoGetStringStatistics() {
    VectorSchemaRoot r = root(Batches.rows(3).ints("code", List.of(List.of(5L), List.of(5L), List.of(12L))));
    FeatureNameStatistics f = FeatureStatistics.computeRoots(List.of(r),
        StatisticsOptions.defaults().withCategorical(Set.of("code"))).requireFeature("code");
    assertEquals(StatisticsType.INT, f.type());
    assertEquals(List.of(new FreqAndValue("5", 2), new FreqAndValue("12", 1)), f.stringStats().topValues());
    assertEquals(4 / 3.0, f.stringStats().avgLength());
    assertEquals(22 / 3.0, f.numStats().mean());
  }

  @Test
  void pastTheCardinalityBoundUniqueAndTopValuesAreMarkedApproximate() {
    List<List<byte[]>> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(List.of(utf8(i % 4 == 0 ? "common" : "v" + i)));
    }
    VectorSchemaRoot r = root(Batches.rows(200).bytes("s", rows));
    StringStatistics s = FeatureStatistics.computeRoots(List.of(r),
        StatisticsOptions.defaults().withCardinalityBound(10)).requireFeature("s").stringStats();
    assertTrue(s.approximate());
    assertEquals(151, s.unique(), 151 * 0.03);
    assertEquals(new FreqAndValue("common", 50), s.topValues().get(0));
  }

  @Test
  void medianAndHistogramsAreWithinTheDocumentedRankError() {
    int n = 20_000;
    List<List<Float>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(List.of((float) i));
    }
    VectorSchemaRoot r = root(Batches.rows(n).floats("u", rows));
    NumericStatistics s = FeatureStatistics.computeRoots(List.of(r)).requireFeature("u").numStats();
    assertTrue(Quantiles.rankError() <= 0.01, "rank error " + Quantiles.rankError());
    assertEquals((n - 1) / 2.0, s.median(), n * 0.01);
    Histogram standard = s.histogram(Histogram.Type.STANDARD).orElseThrow();
    assertEquals(10, standard.buckets().size());
    assertEquals(0.0, standard.buckets().get(0).lowValue());
    assertEquals(n - 1.0, standard.buckets().get(9).highValue());
    for (Histogram.Bucket b : standard.buckets()) {
      assertEquals(n / 10.0, b.sampleCount(), n * 0.01 * 2, b.toString());
    }
    Histogram quantiles = s.histogram(Histogram.Type.QUANTILES).orElseThrow();
    for (int i = 0; i < 10; i++) {
      Histogram.Bucket b = quantiles.buckets().get(i);
      assertEquals(n / 10.0, b.sampleCount());
      assertEquals(n * (i + 1) / 10.0, b.highValue(), n * 0.01 + 1, b.toString());
    }
  }
}
