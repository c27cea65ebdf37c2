package io.beamline.validator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.anomalies.AnomalyType;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Split-<name>/row_summary.json}: how many examples of one split were checked, how many broke
 * the schema, and per (feature, anomaly type) how many examples did and how many are listed in
 * {@code bad_examples.jsonl}.
 *
 * @param split the split name
 * @param examplesChecked every example read
 * @param examplesWithAnomalies examples with at least one anomaly
 * @param samplesPerKey the bound on listed examples per (feature, anomaly type)
 * @param counts one entry per (feature, anomaly type) found, sorted by feature then type
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RowSummary(String split, long examplesChecked, long examplesWithAnomalies, int samplesPerKey,
    List<Count> counts) {
  public RowSummary {
    Objects.requireNonNull(split, "split");
    counts = counts.stream().sorted(Comparator.comparing(Count::feature).thenComparing(Count::anomalyType)).toList();
  }

  /** Whether no example broke the schema. */
  @JsonIgnore
  public boolean isClean() {
    return examplesWithAnomalies == 0;
  }

  /** The number of examples with this anomaly of this feature (0 when none). */
  public long count(String feature, AnomalyType type) {
    return find(feature, type).map(Count::examples).orElse(0L);
  }

  /**
   * A few lines for a terminal: the totals, then one line per (feature, anomaly type), e.g.
   * {@code train: 17 of 40 examples break the schema} and {@code   pay ENUM_TYPE_UNEXPECTED_STRING_VALUES: 13
   * examples (5 listed)}.
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(split).append(": ");
    if (isClean()) {
      sb.append("all ").append(examplesChecked).append(" examples conform to the schema\n");
    } else {
      sb.append(examplesWithAnomalies).append(" of ").append(examplesChecked).append(" examples break the schema\n");
    }
    for (Count c : counts) {
      sb.append("  ").append(c.feature()).append(' ').append(c.anomalyType()).append(": ").append(c.examples())
          .append(c.examples() == 1 ? " example" : " examples").append(" (").append(c.listed()).append(" listed)\n");
    }
    return sb.toString();
  }

  public Optional<Count> find(String feature, AnomalyType type) {
    return counts.stream().filter(c -> c.feature().equals(feature) && c.anomalyType() == type).findFirst();
  }

  /**
   * Examples with one anomaly of one feature.
   *
   * @param examples all of them
   * @param listed how many are in {@code bad_examples.jsonl} (at most {@code samples_per_key})
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Count(String feature, AnomalyType anomalyType, long examples, long listed) {
    public Count {
      Objects.requireNonNull(feature, "feature");
      Objects.requireNonNull(anomalyType, "anomalyType");
    }
  }
}
