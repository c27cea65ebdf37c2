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
 * @param weightFeature feature holding each example's weight, or null (the default) for none; with
 *     one, the statistics also carry their weighted variants and the weight feature has none
 * @param sliceBy features to slice by (empty, the default, for none): each split's
 *     {@code FeatureStats.json} then lists the whole split first and one data set per slice
 * @param maxSlices most slices per split (default 1,000)
 */
public record StatisticsGenParameters(
    List<String> splitNames, int topK, long cardinalityBound, List<String> categoricalFeatures,
    String weightFeature, List<String> sliceBy, int maxSlices) {

  public StatisticsGenParameters {
    splitNames = List.copyOf(splitNames);
    categoricalFeatures = List.copyOf(categoricalFeatures);
    sliceBy = List.copyOf(sliceBy);
    if (Set.copyOf(splitNames).size() != splitNames.size()) {
      throw new InvalidParameterException("split_names has duplicates: " + splitNames);
    }
    options(topK, cardinalityBound, categoricalFeatures, weightFeature, sliceBy, maxSlices); // validates
  }

  /** Parameters without weights or slices. */
  public StatisticsGenParameters(List<String> splitNames, int topK, long cardinalityBound,
      List<String> categoricalFeatures) {
    this(splitNames, topK, cardinalityBound, categoricalFeatures, null, List.of(), StatisticsOptions.DEFAULT_MAX_SLICES);
  }

  public static StatisticsGenParameters defaults() {
    StatisticsOptions d = StatisticsOptions.defaults();
    return new StatisticsGenParameters(List.of(), d.topK(), d.cardinalityBound(), List.of());
  }

  public StatisticsGenParameters withSplitNames(List<String> splits) {
    return new StatisticsGenParameters(splits, topK, cardinalityBound, categoricalFeatures, weightFeature, sliceBy,
        maxSlices);
  }

  public StatisticsGenParameters withTopK(int k) {
    return new StatisticsGenParameters(splitNames, k, cardinalityBound, categoricalFeatures, weightFeature, sliceBy,
        maxSlices);
  }

  public StatisticsGenParameters withCategorical(List<String> features) {
    return new StatisticsGenParameters(splitNames, topK, cardinalityBound, features, weightFeature, sliceBy,
        maxSlices);
  }

  /** Weighted statistics by {@code feature}'s values (null for none). */
  public StatisticsGenParameters withWeightFeature(String feature) {
    return new StatisticsGenParameters(splitNames, topK, cardinalityBound, categoricalFeatures, feature, sliceBy,
        maxSlices);
  }

  /** Statistics per slice of {@code features}' values too. */
  public StatisticsGenParameters withSliceBy(List<String> features) {
    return new StatisticsGenParameters(splitNames, topK, cardinalityBound, categoricalFeatures, weightFeature,
        features, maxSlices);
  }

  public StatisticsGenParameters withMaxSlices(int max) {
    return new StatisticsGenParameters(splitNames, topK, cardinalityBound, categoricalFeatures, weightFeature,
        sliceBy, max);
  }

  StatisticsOptions options() {
    return options(topK, cardinalityBound, categoricalFeatures, weightFeature, sliceBy, maxSlices);
  }

  private static StatisticsOptions options(int topK, long bound, List<String> categorical, String weightFeature,
      List<String> sliceBy, int maxSlices) {
    return StatisticsOptions.defaults().withTopK(topK).withCardinalityBound(bound)
        .withCategorical(Set.copyOf(categorical)).withWeightFeature(weightFeature).withSliceBy(sliceBy)
        .withMaxSlices(maxSlices);
  }
}
