package io.beamline.statsgen;

import io.beamline.core.InvalidInputException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * The weight of each example of a batch, read from the weight feature, and how weights enter
 * sketches. Every example must have exactly one finite, non-negative INT or FLOAT weight value;
 * anything else is an error naming the feature and the row, because a silently defaulted weight
 * would skew every weighted statistic.
 *
 * <p>Sketches take integer weights (DataSketches' {@code KllDoublesSketch.update(item, weight)} and
 * {@code ItemsSketch.update(item, count)}), so weights enter them as whole multiples of
 * {@code 1 / }{@value #UNITS}: rounding moves each weight by at most {@code 2^-17}, so a weighted
 * rank moves by at most {@code 2^-17 / (mean weight)} on top of the sketch's own error. A positive
 * weight too small to reach one unit counts as one unit rather than vanishing from the sketch.
 */
final class Weights {
  /** Sketch units per unit of weight. */
  static final long UNITS = 1L << 16;
  /** Largest weight of one example: its units must fit a long with room for sums. */
  static final double MAX_WEIGHT = 0x1p40;

  private Weights() {}

  /** The weights of the rows of {@code root}. */
  static double[] of(VectorSchemaRoot root, String feature) {
    int rows = root.getRowCount();
    double[] weights = new double[rows];
    if (rows == 0) {
      return weights;
    }
    FieldVector vector = root.getVector(feature);
    if (vector == null) {
      throw new InvalidInputException("Weight feature '" + feature + "' is missing from every example of a batch of "
          + rows + " rows (first: row 0); every example needs one weight value. Features there: "
          + root.getSchema().getFields().stream().map(f -> f.getName()).toList());
    }
    if (!(vector instanceof ListVector list)
        || !(list.getDataVector() instanceof BigIntVector || list.getDataVector() instanceof Float4Vector)) {
      throw new InvalidInputException("Weight feature '" + feature + "' must hold INT or FLOAT values, got "
          + vector.getField());
    }
    FieldVector child = list.getDataVector();
    for (int r = 0; r < rows; r++) {
      if (list.isNull(r)) {
        throw new InvalidInputException("Weight feature '" + feature + "' is missing from example (row) " + r
            + " of a batch; every example needs exactly one weight value");
      }
      int start = list.getElementStartIndex(r);
      int n = list.getElementEndIndex(r) - start;
      if (n != 1) {
        throw new InvalidInputException("Weight feature '" + feature + "' has " + n + " values in example (row) "
            + r + " of a batch; expected exactly one");
      }
      double w = child instanceof BigIntVector ints ? ints.get(start) : ((Float4Vector) child).get(start);
      if (!(w >= 0 && w <= MAX_WEIGHT)) {
        throw new InvalidInputException("Weight feature '" + feature + "' has weight " + w + " in example (row) "
            + r + " of a batch; weights must be finite, >= 0 and <= 2^40");
      }
      weights[r] = w;
    }
    return weights;
  }

  /** {@code weight} in sketch units: nearest whole unit, at least one for a positive weight. */
  static long units(double weight) {
    if (weight == 0) {
      return 0;
    }
    return Math.max(1, Math.round(weight * UNITS));
  }
}
