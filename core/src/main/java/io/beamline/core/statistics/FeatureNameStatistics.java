package io.beamline.core.statistics;

import java.io.Serializable;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/**
 * The statistics of one feature, as statistics.proto's {@code FeatureNameStatistics}. Numeric
 * features carry {@code numStats}; string and bytes features, and INT features treated as
 * categorical, carry {@code stringStats}; the other is null (absent from the JSON).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureNameStatistics(
    String name,
    StatisticsType type,
    CommonStatistics commonStats,
    NumericStatistics numStats,
    StringStatistics stringStats) implements Serializable {

  public FeatureNameStatistics {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(commonStats, "commonStats");
  }
}
