package io.beamline.statsgen;

import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Feature statistics as a Beam CombineFn: one {@link SlicedAccumulator} per bundle (the whole data
 * set and its slices), merged into the first accumulator, extracted once. Published through
 * {@link FeatureStatistics#globally()} (the whole data set) and
 * {@link FeatureStatistics#globallyWithSlices(StatisticsOptions)} (whole and slices).
 */
final class StatisticsCombineFn<T, O> extends CombineFn<T, SlicedAccumulator, O> {
  /** Turns the final accumulator into the output. */
  @FunctionalInterface
  interface Extractor<O> extends Serializable {
    O extract(SlicedAccumulator accumulator);
  }

  private final StatisticsOptions options;
  private final BatchReader<T> reader;
  private final Extractor<O> extractor;
  private final Coder<O> outputCoder;

  private StatisticsCombineFn(StatisticsOptions options, BatchReader<T> reader, Extractor<O> extractor,
      Coder<O> outputCoder) {
    this.options = options;
    this.reader = reader;
    this.extractor = extractor;
    this.outputCoder = outputCoder;
  }

  /** The whole data set's statistics; slices in {@code options} are not computed. */
  static <T> StatisticsCombineFn<T, DatasetFeatureStatistics> whole(StatisticsOptions options, BatchReader<T> reader) {
    return new StatisticsCombineFn<>(options.withSliceBy(List.of()), reader,
        a -> a.whole().toStatistics(DatasetFeatureStatistics.ALL_EXAMPLES), new StatisticsCoder());
  }

  /** The whole data set's statistics first, then each slice's. */
  static <T> StatisticsCombineFn<T, DatasetFeatureStatisticsList> sliced(StatisticsOptions options,
      BatchReader<T> reader) {
    return new StatisticsCombineFn<>(options, reader, SlicedAccumulator::toStatistics, new StatisticsListCoder());
  }

  /** As {@link #sliced}, plus the whole data set's sketches, for writing an artifact. */
  static <T> StatisticsCombineFn<T, SplitOutput> withSketches(StatisticsOptions options, BatchReader<T> reader) {
    return new StatisticsCombineFn<>(options, reader, SplitOutput::of, SerializableCoder.of(SplitOutput.class));
  }

  @Override
  public SlicedAccumulator createAccumulator() {
    return new SlicedAccumulator(options);
  }

  @Override
  public SlicedAccumulator addInput(SlicedAccumulator accumulator, T input) {
    reader.addTo(accumulator, input);
    return accumulator;
  }

  @Override
  public SlicedAccumulator mergeAccumulators(Iterable<SlicedAccumulator> accumulators) {
    Iterator<SlicedAccumulator> it = accumulators.iterator();
    if (!it.hasNext()) {
      return createAccumulator();
    }
    SlicedAccumulator first = it.next();
    while (it.hasNext()) {
      first.merge(it.next());
    }
    return first;
  }

  @Override
  public O extractOutput(SlicedAccumulator accumulator) {
    return extractor.extract(accumulator);
  }

  @Override
  public Coder<SlicedAccumulator> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return new AccumulatorCoder(options);
  }

  @Override
  public Coder<O> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return outputCoder;
  }
}
