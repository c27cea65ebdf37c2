package io.beamline.statsgen;

import io.beamline.core.InvalidParameterException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parameters of {@link StatisticsGen}: which splits, and how statistics are computed.
 *
 * <pre>{@code
 * StatisticsGenParameters p = StatisticsGenParameters.defaults().withSplitNames(List.of("train"))
 *     .withStatistics(StatisticsOptions.defaults().withTopK(5).withSliceBy(List.of("payment_type")));
 * }</pre>
 *
 * @param splitNames splits to compute statistics for; empty (the default) means every split of the
 *     input Examples
 * @param statistics how statistics are computed (top-k, cardinality bound, categorical features,
 *     weight feature, slices): {@link StatisticsOptions#defaults()} by default
 */
public record StatisticsGenParameters(List<String> splitNames, StatisticsOptions statistics) {

  public StatisticsGenParameters {
    splitNames = List.copyOf(splitNames);
    Objects.requireNonNull(statistics, "statistics");
    if (Set.copyOf(splitNames).size() != splitNames.size()) {
      throw new InvalidParameterException("split_names has duplicates: " + splitNames);
    }
  }

  public static StatisticsGenParameters defaults() {
    return new StatisticsGenParameters(List.of(), StatisticsOptions.defaults());
  }

  public StatisticsGenParameters withSplitNames(List<String> splits) {
    return new StatisticsGenParameters(splits, statistics);
  }

  public StatisticsGenParameters withStatistics(StatisticsOptions options) {
    return new StatisticsGenParameters(splitNames, options);
  }
}
