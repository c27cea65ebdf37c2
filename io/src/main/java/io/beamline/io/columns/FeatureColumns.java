package io.beamline.io.columns;

import io.beamline.core.examples.FeatureType;

/**
 * A batch of examples read column by column: the one interface that consumers folding values into
 * state (statistics) read, whatever the batch's storage. Column {@code c} is one feature, with a
 * name and a {@link FeatureType}; row {@code r} is one example. A column pushes the values of a
 * selection of its rows into a {@link ValueSink}, so the storage-specific loop (Arrow list vectors,
 * CSV cell bytes) stays inside the implementation and the consumer has one code path.
 *
 * <p>Implementations: {@link io.beamline.io.examples.ArrowColumns} (an Arrow root in the
 * ExampleBatch convention) and statistics' typed view of a {@link io.beamline.io.csv.CsvBatch}.
 */
public interface FeatureColumns {
  /** The number of rows (examples). */
  int rowCount();

  /** The number of columns (features). */
  int columnCount();

  /** The feature name of column {@code c}. */
  String name(int c);

  /**
   * The type of column {@code c}'s values.
   *
   * @throws io.beamline.core.InvalidInputException when the column does not hold feature values
   */
  FeatureType type(int c);

  /**
   * Pushes column {@code c}'s values at rows {@code rows[0..count)} (increasing), or rows
   * {@code 0..count)} when {@code rows} is null, into {@code sink}: per row where the feature is
   * present, one presence call with the row's weight ({@code weights[r]}, or 1 when
   * {@code weights} is null), then its values with that weight. Rows where the feature is missing
   * push nothing. Values arrive with the column's {@link #type}: INT as {@link ValueSink#addLong},
   * FLOAT as {@link ValueSink#addFloat}, BYTES as {@link ValueSink#addBytes} or
   * {@link ValueSink#addAscii}.
   */
  void pushColumn(int c, int[] rows, int count, double[] weights, ValueSink sink);
}
