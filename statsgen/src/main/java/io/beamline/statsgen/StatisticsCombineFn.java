package io.beamline.statsgen;

import io.beamline.core.statistics.DatasetFeatureStatistics;
import java.util.Iterator;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Feature statistics as a Beam CombineFn: one {@link DatasetAccumulator} per bundle, merged into
 * the first accumulator, extracted once. Published through {@link FeatureStatistics#globally()}.
 */
final class StatisticsCombineFn<T> extends CombineFn<T, DatasetAccumulator, DatasetFeatureStatistics> {
  private final StatisticsOptions options;
  private final BatchReader<T> reader;

  StatisticsCombineFn(StatisticsOptions options, BatchReader<T> reader) {
    this.options = options;
    this.reader = reader;
  }

  @Override
  public DatasetAccumulator createAccumulator() {
    return new DatasetAccumulator(options);
  }

  @Override
  public DatasetAccumulator addInput(DatasetAccumulator accumulator, T input) {
    reader.addTo(accumulator, input);
    return accumulator;
  }

  @Override
  public DatasetAccumulator mergeAccumulators(Iterable<DatasetAccumulator> accumulators) {
    Iterator<DatasetAccumulator> it = accumulators.iterator();
    if (!it.hasNext()) {
      return createAccumulator();
    }
    DatasetAccumulator first = it.next();
    while (it.hasNext()) {
      first.merge(it.next());
    }
    return first;
  }

  @Override
  public DatasetFeatureStatistics extractOutput(DatasetAccumulator accumulator) {
    return accumulator.toStatistics(DatasetFeatureStatistics.ALL_EXAMPLES);
  }

  @Override
  public Coder<DatasetAccumulator> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return new AccumulatorCoder(options);
  }

  @Override
  public Coder<DatasetFeatureStatistics> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return new StatisticsCoder();
  }
}
