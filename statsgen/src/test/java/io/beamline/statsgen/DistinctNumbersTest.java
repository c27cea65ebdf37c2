package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.NumericStatistics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A numeric feature with few distinct values is counted per value: exact median and histograms,
 * the same exact sums; past the bound (while adding or merging) the counts move into the sketch and
 * the sums without changing any exact statistic.
 */
class DistinctNumbersTest {
  @Test
  void fewDistinctValuesGiveTheExactMedianAndHistograms() {
    // 0.5 x 1, 1.5 x 2, ..., 9.5 x 10: 55 values
    NumericAccumulator acc = new NumericAccumulator();
    double[] all = new double[55];
    int k = 0;
    for (int v = 0; v < 10; v++) {
      for (int times = 0; times <= v; times++) {
        acc.add(v + 0.5);
        all[k++] = v + 0.5;
      }
    }
    NumericStatistics stats = acc.toStatistics();
    Arrays.sort(all);
    assertEquals(all[27], stats.median(), "the 28th of 55 values");
    Histogram standard = stats.histogram(Histogram.Type.STANDARD).orElseThrow();
    // buckets of width 0.9 over [0.5, 9.5]: every value sits in its own bucket, v + 0.5 in bucket v
    for (int v = 0; v < 10; v++) {
      assertEquals(v + 1, standard.buckets().get(v).sampleCount(), 1e-9, "bucket " + v);
    }
    Histogram quantiles = stats.histogram(Histogram.Type.QUANTILES).orElseThrow();
    for (int b = 1; b < 10; b++) {
      // the decile boundary: the smallest value with at least b/10 of the values at or below it
      double expected = all[(int) Math.ceil(b * 55 / 10.0) - 1];
      assertEquals(expected, quantiles.buckets().get(b - 1).highValue(), "decile " + b);
    }
    assertEquals(exactMean(all), stats.mean());
  }

  @Test
  void goingPastTheBoundChangesNoExactStatistic() throws IOException {
    Random random = new Random(3);
    double[] values = new double[5_000];
    for (int i = 0; i < values.length; i++) {
      // 900 distinct values in the first half, 3,000 in the second: the table spills midway
      values[i] = i < 2_500 ? random.nextInt(900) * 0.25 : random.nextInt(3_000) * 0.1 - 7;
    }
    NumericAccumulator whole = new NumericAccumulator();
    for (double v : values) {
      whole.add(v);
    }
    // halves, quarters: tables, a spilled sketch, merges that cross the bound, through the coder
    for (int parts : new int[] {2, 4, 7}) {
      NumericAccumulator merged = new NumericAccumulator();
      for (int p = 0; p < parts; p++) {
        NumericAccumulator part = new NumericAccumulator();
        for (int i = p; i < values.length; i += parts) {
          part.add(values[i]);
        }
        merged.merge(roundTrip(part));
      }
      assertEquals(whole, merged, parts + " parts");
      NumericStatistics a = whole.toStatistics();
      NumericStatistics b = merged.toStatistics();
      assertEquals(a.mean(), b.mean());
      assertEquals(a.stdDev(), b.stdDev());
      assertEquals(a.min(), b.min());
      assertEquals(a.max(), b.max());
      assertEquals(a.numZeros(), b.numZeros());
      assertEquals(exactMean(values), b.mean());
    }
  }

  @Test
  void tableAndSketchTogetherAnswerWithinTheRankError() {
    // one accumulator spilled (many values), one still a table (few): the merge keeps both
    NumericAccumulator many = new NumericAccumulator();
    for (int i = 0; i < 20_000; i++) {
      many.add(i);
    }
    NumericAccumulator few = new NumericAccumulator();
    for (int i = 0; i < 20_000; i++) {
      few.add(20_000 + i % 10);
    }
    many.merge(few);
    NumericStatistics stats = many.toStatistics();
    assertEquals(20_000, stats.median(), 40_000 * Quantiles.rankError());
    List<Histogram.Bucket> standard = stats.histogram(Histogram.Type.STANDARD).orElseThrow().buckets();
    double lastEdge = 20_009 * 0.9; // ten buckets over [0, 20009]
    double inLastBucket = 20_000 + (20_000 - Math.floor(lastEdge) - 1);
    assertEquals(inLastBucket, standard.get(9).sampleCount(), 40_000 * 0.01, "the top values in the last bucket");
  }

  @Test
  void smallWholeNumbersCountedByIndexMergeWithTheSameValuesAsDoubles() throws IOException {
    NumericAccumulator ints = new NumericAccumulator();
    NumericAccumulator doubles = new NumericAccumulator();
    NumericAccumulator whole = new NumericAccumulator();
    for (int v = 0; v < 600; v++) { // by index below 256, hashed above
      ints.addLong(v % 300);
      doubles.add(v % 300);
      whole.addLong(v % 300);
      whole.add(v % 300);
    }
    doubles.add(-0.0);
    whole.add(-0.0);
    ints.merge(roundTrip(doubles));
    assertEquals(whole, ints);
    NumericStatistics merged = ints.toStatistics();
    assertEquals(whole.toStatistics(), merged);
    assertEquals(149.0, merged.median(), "the 1,201 values are 0..299 four times and -0.0");
    assertEquals(5, merged.numZeros(), "0 twice in each, and -0.0");
  }

  @Test
  void intValuesBeyondDoublePrecisionBypassTheTable() {
    NumericAccumulator acc = new NumericAccumulator();
    long big = (1L << 53) + 1;
    acc.addLong(big);
    acc.addLong(big + 2);
    acc.addLong(1);
    NumericStatistics stats = acc.toStatistics();
    BigDecimal exact = BigDecimal.valueOf(big).multiply(BigDecimal.valueOf(2)).add(BigDecimal.valueOf(3));
    assertEquals(exact.divide(BigDecimal.valueOf(3), MathContext.DECIMAL128).doubleValue(), stats.mean());
  }

  private static double exactMean(double[] values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(new BigDecimal(v));
    }
    return sum.divide(BigDecimal.valueOf(values.length), MathContext.DECIMAL128).doubleValue();
  }

  private static NumericAccumulator roundTrip(NumericAccumulator a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.encode(new DataOutputStream(bytes));
    return NumericAccumulator.decode(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "x");
  }
}
