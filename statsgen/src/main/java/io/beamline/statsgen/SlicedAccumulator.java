package io.beamline.statsgen;

import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.io.columns.FeatureColumns;
import io.beamline.io.examples.ArrowColumns;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The accumulator of a CombineFn pass: the whole data set's {@link DatasetAccumulator} and one per
 * slice ({@link StatisticsOptions#sliceBy()}), all fed from one read of each batch. Each batch's
 * weights are read once; each slice reads only its rows, through a row list, so no batch is
 * copied. At most {@link StatisticsOptions#maxSlices()} slices, so memory stays bounded.
 *
 * <p>Why one accumulator holding every slice rather than {@code Combine.perKey} keyed by slice: a
 * keyed combine needs each batch split into one element per slice (copying its rows) and shuffled,
 * and its biggest key, the whole data set, gets no more parallelism than here. Here slicing costs
 * one pass over the slice columns plus the slices' share of the rows, and merging stays per bundle.
 */
final class SlicedAccumulator {
  private final StatisticsOptions options;
  private final Slicer slicer;
  private final DatasetAccumulator whole;
  private final Map<String, DatasetAccumulator> slices = new TreeMap<>();

  SlicedAccumulator(StatisticsOptions options) {
    this(options, new DatasetAccumulator(options));
  }

  private SlicedAccumulator(StatisticsOptions options, DatasetAccumulator whole) {
    this.options = options;
    this.slicer = options.sliceBy().isEmpty() ? null : new Slicer(options.sliceBy(), options.maxSlices());
    this.whole = whole;
  }

  /** Adds every example of {@code root} to the whole data set and to the slices it belongs to. */
  void add(VectorSchemaRoot root) {
    add(new ArrowColumns(root), DatasetAccumulator.weightsOf(root, options),
        () -> slicer.rows(root));
  }

  /** Adds every row of a typed CSV batch to the whole data set and to the slices it belongs to. */
  void add(TypedCsvBatch batch) {
    add(batch, options.weightFeature() == null ? null : batch.weights(options.weightFeature()),
        () -> batch.slices(slicer));
  }

  /**
   * Adds every row of {@code columns}, of {@code weights} (null when unweighted), to the whole data
   * set and to the slices it belongs to ({@code bySlice}, found after the whole is added, when
   * slicing). Finding the weights and the slices' rows is format-specific; the values are read the
   * same way for every format.
   */
  private void add(FeatureColumns columns, double[] weights, Supplier<Map<String, Slicer.Rows>> bySlice) {
    whole.add(columns, null, columns.rowCount(), weights);
    if (slicer != null) {
      forEachSlice(bySlice.get(), (slice, rows) -> slice.add(columns, rows.rows(), rows.size(), weights));
    }
  }

  private void forEachSlice(Map<String, Slicer.Rows> bySlice,
      java.util.function.BiConsumer<DatasetAccumulator, Slicer.Rows> add) {
    for (Map.Entry<String, Slicer.Rows> e : bySlice.entrySet()) {
      DatasetAccumulator slice = slices.get(e.getKey());
      if (slice == null) {
        slice = new DatasetAccumulator(options);
        slices.put(e.getKey(), slice);
        slicer.checkCount(slices.size());
      }
      add.accept(slice, e.getValue());
    }
  }

  /** Merges {@code other} into this one; {@code other} must not be used afterwards. */
  void merge(SlicedAccumulator other) {
    whole.merge(other.whole);
    for (Map.Entry<String, DatasetAccumulator> e : other.slices.entrySet()) {
      DatasetAccumulator mine = slices.get(e.getKey());
      if (mine == null) {
        slices.put(e.getKey(), e.getValue());
        if (slicer != null) {
          slicer.checkCount(slices.size());
        }
      } else {
        mine.merge(e.getValue());
      }
    }
  }

  DatasetAccumulator whole() {
    return whole;
  }

  /** The whole data set ({@value DatasetFeatureStatistics#ALL_EXAMPLES}) first, then slices by name. */
  DatasetFeatureStatisticsList toStatistics() {
    List<DatasetFeatureStatistics> out = new ArrayList<>(1 + slices.size());
    out.add(whole.toStatistics(DatasetFeatureStatistics.ALL_EXAMPLES));
    slices.forEach((name, acc) -> out.add(acc.toStatistics(name)));
    return new DatasetFeatureStatisticsList(out);
  }

  void encode(DataOutputStream out) throws IOException {
    whole.encode(out);
    out.writeInt(slices.size());
    for (Map.Entry<String, DatasetAccumulator> e : slices.entrySet()) {
      Codecs.writeString(out, e.getKey());
      e.getValue().encode(out);
    }
  }

  static SlicedAccumulator decode(DataInputStream in, StatisticsOptions options) throws IOException {
    SlicedAccumulator a = new SlicedAccumulator(options, DatasetAccumulator.decode(in, options));
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String name = Codecs.readString(in);
      a.slices.put(name, DatasetAccumulator.decode(in, options));
    }
    return a;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlicedAccumulator a && whole.equals(a.whole) && slices.equals(a.slices);
  }

  @Override
  public int hashCode() {
    return whole.hashCode() * 31 + slices.hashCode();
  }

  @Override
  public String toString() {
    return "Sliced{whole=" + whole + ", slices=" + slices.keySet() + "}";
  }
}
