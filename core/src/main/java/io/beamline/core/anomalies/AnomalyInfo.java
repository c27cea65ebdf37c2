package io.beamline.core.anomalies;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * What is wrong with one feature (or with the data set as a whole), as anomalies.proto's
 * {@code AnomalyInfo}: the reasons, and a severity and descriptions summarising them (the worst
 * severity; with several reasons the short description says how many, as TFDV does).
 *
 * @param path the feature name, or empty for the data set
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AnomalyInfo(String path, Severity severity, String shortDescription, String description,
    List<Reason> reason) {
  public AnomalyInfo {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(shortDescription, "shortDescription");
    Objects.requireNonNull(description, "description");
    reason = List.copyOf(reason);
    if (reason.isEmpty()) {
      throw new IllegalArgumentException("An anomaly of '" + path + "' needs at least one reason");
    }
  }

  /** Summarises reasons into one entry. */
  public static AnomalyInfo of(String path, List<Reason> reasons) {
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("An anomaly of '" + path + "' needs at least one reason");
    }
    Severity worst = reasons.stream().map(Reason::severity).max(Enum::compareTo).orElseThrow();
    String shortDescription = reasons.size() == 1 ? reasons.get(0).shortDescription() : "Multiple errors";
    String description = String.join(" ", reasons.stream().map(Reason::description).toList());
    return new AnomalyInfo(path, worst, shortDescription, description, reasons);
  }

  /** Whether one of the reasons is of this type. */
  public boolean has(AnomalyType type) {
    return reason.stream().anyMatch(r -> r.type() == type);
  }
}
