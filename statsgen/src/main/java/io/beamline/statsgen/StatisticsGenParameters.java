package io.beamline.statsgen;

import io.beamline.core.InvalidParameterException;
import java.util.List;
import java.util.Set;

/**
 * Parameters of {@link StatisticsGen}.
 *
 * @param splitNames splits to compute statistics for; empty (the default) means every split of the
 *     input Examples
 * @param topK most frequent values listed per string feature (default 20)
 * @param cardinalityBound distinct values per feature counted exactly (default 1,000,000)
 * @param categoricalFeatures INT features that also get string statistics
 */
public record StatisticsGenParameters(
    List<String> splitNames, int topK, long cardinalityBound, List<String> categoricalFeatures) {

  public StatisticsGenParameters {
    splitNames = List.copyOf(splitNames);
    categoricalFeatures = List.copyOf(categoricalFeatures);
    if (Set.copyOf(splitNames).size() != splitNames.size()) {
      throw new InvalidParameterException("split_names has duplicates: " + splitNames);
    }
    options(topK, cardinalityBound, categoricalFeatures); // validates
  }

  public static StatisticsGenParameters defaults() {
    StatisticsOptions d = StatisticsOptions.defaults();
    return new StatisticsGenParameters(List.of(), d.topK(), d.cardinalityBound(), List.of());
  }

  public StatisticsGenParameters withSplitNames(List<String> splits) {
    return new StatisticsGenParameters(splits, topK, cardinalityBound, categoricalFeatures);
  }

  public StatisticsGenParameters withTopK(int k) {
    return new StatisticsGenParameters(splitNames, k, cardinalityBound, categoricalFeatures);
  }

  public StatisticsGenParameters withCategorical(List<String> features) {
    return new StatisticsGenParameters(splitNames, topK, cardinalityBound, features);
  }

  StatisticsOptions options() {
    return options(topK, cardinalityBound, categoricalFeatures);
  }

  private static StatisticsOptions options(int topK, long bound, List<String> categorical) {
    return StatisticsOptions.defaults().withTopK(topK).withCardinalityBound(bound)
        .withCategorical(Set.copyOf(categorical));
  }
}
