package io.beamline.core.anomalies;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The anomalies of one split, as anomalies.proto's {@code Anomalies}: per-feature anomalies keyed by
 * feature name, data-set-level anomalies, drift and skew measures, and (with {@code --drift auto}) a
 * data-set drift verdict. Empty {@code anomalyInfo} and null {@code datasetAnomalyInfo} mean the data
 * conforms.
 *
 * @param anomalyInfo anomalies by feature name, sorted by name
 * @param datasetAnomalyInfo anomalies of the data set as a whole (example counts), or null
 * @param driftSkewInfo drift and skew measures per feature, sorted by feature name
 * @param driftSummary the auto-drift verdict, or null when drift was not judged in auto mode
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Anomalies(Map<String, AnomalyInfo> anomalyInfo, AnomalyInfo datasetAnomalyInfo,
    List<DriftSkewInfo> driftSkewInfo, DriftSummary driftSummary) {
  public Anomalies {
    anomalyInfo = Collections.unmodifiableMap(new TreeMap<>(anomalyInfo));
    driftSkewInfo = List.copyOf(driftSkewInfo);
  }

  public static Anomalies none() {
    return new Anomalies(Map.of(), null, List.of(), null);
  }

  /** True when nothing is anomalous (drift measures below their thresholds may still be listed). */
  @JsonIgnore
  public boolean isEmpty() {
    return anomalyInfo.isEmpty() && datasetAnomalyInfo == null;
  }

  /** True when some anomaly has severity ERROR: the condition for {@code --fail-on-anomalies}. */
  @JsonIgnore
  public boolean hasErrors() {
    return all().stream().anyMatch(a -> a.severity() == Severity.ERROR);
  }

  /** Data-set anomalies first, then features by name. */
  @JsonIgnore
  public List<AnomalyInfo> all() {
    List<AnomalyInfo> out = new ArrayList<>();
    if (datasetAnomalyInfo != null) {
      out.add(datasetAnomalyInfo);
    }
    out.addAll(anomalyInfo.values());
    return out;
  }

  /** One line per reason: {@code feature: TYPE (SEVERITY) description}, data set as {@code <dataset>}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (AnomalyInfo a : all()) {
      for (Reason r : a.reason()) {
        sb.append(a.path().isEmpty() ? "<dataset>" : a.path()).append(": ").append(r.type())
            .append(" (").append(r.severity()).append(") ").append(r.description()).append('\n');
      }
    }
    return sb.toString();
  }
}
