package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamline.core.statistics.NumericStatistics;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** INT values are summed as integers: exact even past 2^53 and across long overflow. */
class IntegerSumsTest {
  private static long[] values() {
    Random random = new Random(7);
    long[] v = new long[20_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (i % 4) {
        case 0 -> random.nextLong();
        case 1 -> Long.MAX_VALUE - random.nextInt(1000);
        case 2 -> Long.MIN_VALUE + random.nextInt(1000);
        default -> 1_400_000_000L + random.nextInt(1_000_000);
      };
    }
    return v;
  }

  @Test
  void meanAndStdDevAreTheExactOnesRoundedOnce() {
    long[] v = values();
    NumericAccumulator acc = new NumericAccumulator();
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal squares = BigDecimal.ZERO;
    for (long x : v) {
      acc.addLong(x);
      sum = sum.add(BigDecimal.valueOf(x));
      squares = squares.add(BigDecimal.valueOf(x).multiply(BigDecimal.valueOf(x)));
    }
    BigDecimal n = BigDecimal.valueOf(v.length);
    BigDecimal variance = squares.multiply(n).subtract(sum.multiply(sum)).divide(n.multiply(n), MathContext.DECIMAL128);
    NumericStatistics stats = acc.toStatistics();
    assertEquals(sum.divide(n, MathContext.DECIMAL128).doubleValue(), stats.mean());
    assertEquals(variance.sqrt(MathContext.DECIMAL128).doubleValue(), stats.stdDev());
    assertEquals((double) Long.MIN_VALUE, stats.min(), 2048);
  }

  @Test
  void halvesMergedEqualTheWholeAndSurviveTheCoder() throws Exception {
    long[] v = values();
    NumericAccumulator whole = new NumericAccumulator();
    NumericAccumulator first = new NumericAccumulator();
    NumericAccumulator second = new NumericAccumulator();
    for (int i = 0; i < v.length; i++) {
      whole.addLong(v[i]);
      (i < 7_777 ? first : second).addLong(v[i]);
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    second.encode(new java.io.DataOutputStream(bytes));
    NumericAccumulator decoded = NumericAccumulator.decode(
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), "x");
    first.merge(decoded);
    assertEquals(whole, first);
    assertEquals(whole.toStatistics().mean(), first.toStatistics().mean());
    assertEquals(whole.toStatistics().stdDev(), first.toStatistics().stdDev());
  }
}
