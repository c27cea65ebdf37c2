package io.beamline.evaluator.metrics;

import java.util.SplittableRandom;

/**
 * Poisson(1) draws, five from one random long: the bootstrap multiplicities of one example in each
 * replicate. Drawing them one {@code nextDouble} and one CDF search at a time was over half the cost
 * of accumulating regression and multiclass metrics with intervals.
 *
 * <p>Still exact inversion of the Poisson(1) CDF at double precision: a uniform's top 12 bits pick
 * one of 4,096 equal cells of [0, 1); a cell inside one value's CDF step gives that value at once,
 * and a cell that straddles a step (at most one per step: 12 of 4,096) takes 40 more random bits and
 * searches the CDF with the 52-bit uniform they make. Written here because the JDK and DataSketches
 * have no Poisson sampler.
 */
final class PoissonOneDraws {
  private static final int CELL_BITS = 12;
  private static final int CELLS = 1 << CELL_BITS;
  private static final int CELL_MASK = CELLS - 1;
  private static final int PER_LONG = 5; // Long.SIZE / CELL_BITS: the fill loop reads five cells a long
  /** [cell]: the value every uniform in the cell draws, or -(cell + 1) for a cell that straddles a step. */
  private static final double[] CELL_VALUE = cellValues();

  private PoissonOneDraws() {}

  /**
   * Fills {@code times} with independent Poisson(1) draws from {@code random}, as doubles: they
   * multiply weights, and a conversion per draw cost a tenth of adding an example to 20 replicates.
   * Two passes: table lookups only (five per random long, no call in the loop), then the rare
   * straddling cells refined, in order.
   */
  static void fill(SplittableRandom random, double[] times) {
    int n = times.length;
    int i = 0;
    for (; i + PER_LONG <= n; i += PER_LONG) {
      long bits = random.nextLong();
      times[i] = CELL_VALUE[(int) bits & CELL_MASK];
      times[i + 1] = CELL_VALUE[(int) (bits >>> CELL_BITS) & CELL_MASK];
      times[i + 2] = CELL_VALUE[(int) (bits >>> 2 * CELL_BITS) & CELL_MASK];
      times[i + 3] = CELL_VALUE[(int) (bits >>> 3 * CELL_BITS) & CELL_MASK];
      times[i + 4] = CELL_VALUE[(int) (bits >>> 4 * CELL_BITS) & CELL_MASK];
    }
    if (i < n) {
      long bits = random.nextLong();
      for (; i < n; i++, bits >>>= CELL_BITS) {
        times[i] = CELL_VALUE[(int) bits & CELL_MASK];
      }
    }
    for (int j = 0; j < n; j++) {
      if (times[j] < 0) {
        times[j] = refine(random, (int) -times[j] - 1);
      }
    }
  }

  /** The draw of a uniform in a straddling cell: its 12 bits, then 40 fresh ones. */
  private static int refine(SplittableRandom random, int cell) {
    long low = random.nextLong() >>> (Long.SIZE - 40);
    double u = (((long) cell << 40) | low) * 0x1.0p-52;
    return Resampling.poisson1(u);
  }

  private static double[] cellValues() {
    double[] values = new double[CELLS];
    for (int cell = 0; cell < CELLS; cell++) {
      int first = Resampling.poisson1((double) cell / CELLS);
      int last = Resampling.poisson1(Math.nextDown((double) (cell + 1) / CELLS));
      values[cell] = first == last ? first : -(cell + 1);
    }
    return values;
  }
}
