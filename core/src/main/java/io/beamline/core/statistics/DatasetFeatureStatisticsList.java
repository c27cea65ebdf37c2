package io.beamline.core.statistics;

import java.io.Serializable;
import io.beamline.core.InvalidParameterException;
import java.util.List;

/**
 * The content of one {@code FeatureStats.json}: the statistics of a split first (named
 * {@link DatasetFeatureStatistics#ALL_EXAMPLES}), then one entry per slice, as statistics.proto's
 * {@code DatasetFeatureStatisticsList}.
 */
public record DatasetFeatureStatisticsList(List<DatasetFeatureStatistics> datasets) implements Serializable {
  public DatasetFeatureStatisticsList {
    datasets = List.copyOf(datasets);
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("A statistics list needs at least the unsliced data set");
    }
  }

  public static DatasetFeatureStatisticsList of(DatasetFeatureStatistics whole) {
    return new DatasetFeatureStatisticsList(List.of(whole));
  }

  /** The unsliced statistics (the first data set). */
  public DatasetFeatureStatistics whole() {
    return datasets.get(0);
  }

  /** The data set with the given name, or an error listing the names there are. */
  public DatasetFeatureStatistics dataset(String name) {
    return datasets.stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> new InvalidParameterException("No data set named '" + name + "'; there are "
            + datasets.stream().map(DatasetFeatureStatistics::name).toList()));
  }
}
