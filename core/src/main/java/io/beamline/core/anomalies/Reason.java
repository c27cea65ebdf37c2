package io.beamline.core.anomalies;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/**
 * One reason a feature (or the data set) is anomalous, as anomalies.proto's {@code AnomalyInfo.Reason}.
 *
 * @param shortDescription a few words, e.g. "Unexpected string values"
 * @param description the full story with the measured values and what the schema allows
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Reason(AnomalyType type, Severity severity, String shortDescription, String description) {
  public Reason {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(shortDescription, "shortDescription");
    Objects.requireNonNull(description, "description");
  }
}
