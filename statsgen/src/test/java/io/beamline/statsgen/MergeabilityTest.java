package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.StringStatistics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One accumulator over all data vs many merged in shuffled order, with coder round trips between. */
class MergeabilityTest {
  private final BufferAllocator allocator = new RootAllocator();
  private final List<VectorSchemaRoot> roots = new ArrayList<>();

  @AfterEach
  void close() {
    roots.forEach(VectorSchemaRoot::close);
    allocator.close();
  }

  /** {@code batches} batches of mixed data: values of very different magnitudes, NaN, missing. */
  private List<VectorSchemaRoot> data(int batches, int rowsPerBatch, long seed) {
    return data(batches, rowsPerBatch, seed, false);
  }

  /** As above; {@code weighted} adds a weight column "wt" of quarters in [0, 4] (sums are exact in any order). */
  private List<VectorSchemaRoot> data(int batches, int rowsPerBatch, long seed, boolean weighted) {
    Random random = new Random(seed);
    List<VectorSchemaRoot> out = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      List<List<Long>> ints = new ArrayList<>();
      List<List<Float>> floats = new ArrayList<>();
      List<List<byte[]>> strings = new ArrayList<>();
      List<List<Float>> weights = new ArrayList<>();
      for (int r = 0; r < rowsPerBatch; r++) {
        weights.add(List.of(random.nextInt(17) / 4f));
        ints.add(random.nextInt(10) == 0 ? null : List.of((long) random.nextInt(1000) - 500, 1_400_000_000L + random.nextInt()));
        float f = random.nextInt(50) == 0 ? Float.NaN : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6));
        floats.add(random.nextInt(3) == 0 ? List.of() : List.of(f));
        strings.add(random.nextInt(4) == 0 ? null
            : List.of(("v" + (int) Math.abs(random.nextGaussian() * 30)).getBytes(StandardCharsets.UTF_8)));
      }
      Batches batch = Batches.rows(rowsPerBatch).ints("i", ints).floats("f", floats).bytes("s", strings);
      VectorSchemaRoot root = (weighted ? batch.floats("wt", weights) : batch).build(allocator);
      roots.add(root);
      out.add(root);
    }
    return out;
  }

  private static SlicedAccumulator roundTrip(AccumulatorCoder coder, SlicedAccumulator a) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    coder.encode(a, bytes);
    return coder.decode(new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void manyShuffledMergedAccumulatorsGiveIdenticalExactStatistics() throws Exception {
    assertMergeable(StatisticsOptions.defaults().withCategorical(Set.of("i")), data(40, 50, 7));
  }

  @Test
  void weightedAccumulatorsMergeToIdenticalExactWeightedStatistics() throws Exception {
    assertMergeable(StatisticsOptions.defaults().withCategorical(Set.of("i")).withWeightFeature("wt"),
        data(40, 50, 9, true));
  }

  @Test
  void slicedWeightedAccumulatorsMergeToIdenticalExactStatisticsPerSlice() throws Exception {
    assertMergeable(StatisticsOptions.defaults().withWeightFeature("wt").withSliceBy(List.of("s")),
        data(40, 50, 13, true));
  }

  private void assertMergeable(StatisticsOptions options, List<VectorSchemaRoot> data) throws Exception {
    StatisticsCombineFn<VectorSchemaRoot, DatasetFeatureStatisticsList> fn = StatisticsCombineFn.sliced(options, SlicedAccumulator::add);
    AccumulatorCoder coder = new AccumulatorCoder(options);

    SlicedAccumulator single = fn.createAccumulator();
    data.forEach(r -> fn.addInput(single, r));
    DatasetFeatureStatisticsList expected = fn.extractOutput(single);
    assertEquals(options.weightFeature() != null, expected.whole().weightedNumExamples() != null);
    assertEquals(options.sliceBy().isEmpty(), expected.datasets().size() == 1);

    for (long seed : new long[] {1, 2, 3}) {
      List<VectorSchemaRoot> shuffled = new ArrayList<>(data);
      Collections.shuffle(shuffled, new Random(seed));
      // Bundles of uneven sizes, each encoded and decoded as a runner would between stages.
      List<SlicedAccumulator> bundles = new ArrayList<>();
      Random sizes = new Random(seed);
      for (int i = 0; i < shuffled.size(); ) {
        int n = 1 + sizes.nextInt(5);
        SlicedAccumulator acc = fn.createAccumulator();
        for (VectorSchemaRoot r : shuffled.subList(i, Math.min(shuffled.size(), i + n))) {
          fn.addInput(acc, r);
        }
        bundles.add(roundTrip(coder, acc));
        i += n;
      }
      bundles.add(fn.createAccumulator()); // an empty bundle merges as a no-op
      Collections.shuffle(bundles, new Random(seed + 100));
      SlicedAccumulator merged = fn.mergeAccumulators(bundles.subList(0, bundles.size() / 2));
      SlicedAccumulator rest = fn.mergeAccumulators(bundles.subList(bundles.size() / 2, bundles.size()));
      SlicedAccumulator all = fn.mergeAccumulators(List.of(roundTrip(coder, rest), merged));

      DatasetFeatureStatisticsList actual = fn.extractOutput(all);
      assertEquals(exactFields(expected), exactFields(actual), "seed " + seed);
    }
  }

  @Test
  void coderIsDeterministicAndRoundTrips() throws Exception {
    StatisticsOptions options = StatisticsOptions.defaults();
    AccumulatorCoder coder = new AccumulatorCoder(options);
    SlicedAccumulator a = new SlicedAccumulator(options);
    data(3, 40, 11).forEach(a::add);
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    coder.encode(a, first);
    coder.encode(roundTrip(coder, a), second);
    assertArrayEquals(first.toByteArray(), second.toByteArray());
    assertEquals(a, roundTrip(coder, a));
    assertEquals(a.toStatistics(), roundTrip(coder, a).toStatistics());
    assertNotEquals(a, new SlicedAccumulator(options));
  }

  @Test
  void sketchedStringStateSurvivesTheCoderAndMerges() throws Exception {
    StatisticsOptions options = StatisticsOptions.defaults().withCardinalityBound(5);
    AccumulatorCoder coder = new AccumulatorCoder(options);
    SlicedAccumulator a = new SlicedAccumulator(options);
    SlicedAccumulator b = new SlicedAccumulator(options);
    List<VectorSchemaRoot> data = data(4, 60, 5);
    a.add(data.get(0));
    a.add(data.get(1));
    b.add(data.get(2));
    b.add(data.get(3));
    SlicedAccumulator merged = roundTrip(coder, a);
    merged.merge(roundTrip(coder, b));
    StringStatistics s = merged.toStatistics().whole().requireFeature("s").stringStats();
    assertEquals(true, s.approximate());
    SlicedAccumulator exact = new SlicedAccumulator(StatisticsOptions.defaults());
    data.forEach(exact::add);
    StringStatistics truth = exact.toStatistics().whole().requireFeature("s").stringStats();
    assertEquals(truth.unique(), s.unique(), truth.unique() * 0.05);
    assertEquals(truth.topValues().get(0).value(), s.topValues().get(0).value());
    assertEquals(truth.avgLength(), s.avgLength());
  }

  /** {@link #exactFields(DatasetFeatureStatistics)} of every data set, with its name. */
  static List<Object> exactFields(DatasetFeatureStatisticsList stats) {
    List<Object> out = new ArrayList<>();
    for (DatasetFeatureStatistics d : stats.datasets()) {
      out.add(d.name());
      out.addAll(exactFields(d));
    }
    return out;
  }

  /** Everything but the sketch-derived fields (median, histograms), which are only within rank error. */
  static List<Object> exactFields(DatasetFeatureStatistics stats) {
    List<Object> out = new ArrayList<>();
    out.add(stats.numExamples());
    out.add(String.valueOf(stats.weightedNumExamples()));
    for (FeatureNameStatistics f : stats.features()) {
      var c = f.commonStats();
      out.add(List.of(f.name(), f.type(), c.numNonMissing(), c.numMissing(), c.minNumValues(), c.maxNumValues(),
          c.avgNumValues(), c.totNumValues(), String.valueOf(c.weightedCommonStats())));
      NumericStatistics n = f.numStats();
      if (n != null) {
        out.add(java.util.Arrays.asList(n.mean(), n.stdDev(), n.min(), n.max(), n.numZeros(), n.numNan(),
            n.numPosInf(), n.numNegInf()));
        if (n.weightedNumericStats() != null) {
          out.add(java.util.Arrays.asList(n.weightedNumericStats().mean(), n.weightedNumericStats().stdDev()));
        }
      }
      StringStatistics s = f.stringStats();
      if (s != null) {
        out.add(List.of(s.unique(), s.topValues(), s.avgLength(), s.rankHistogram(), s.invalidUtf8Count(),
            s.approximate(), String.valueOf(s.weightedStringStats())));
      }
    }
    return out;
  }
}
