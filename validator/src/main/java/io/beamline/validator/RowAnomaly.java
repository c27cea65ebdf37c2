package io.beamline.validator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.anomalies.AnomalyType;
import java.util.List;
import java.util.Objects;

/**
 * One example that breaks the schema for one feature: a line of {@code Split-<name>/bad_examples.jsonl}.
 * An example with several problems gives one of these per (feature, anomaly type).
 *
 * @param split the split name
 * @param file the payload file the example was read from (for Parquet: the split's file glob, see
 *     {@link RowValidator})
 * @param record the example's index within {@code file}, from 0
 * @param feature the feature name
 * @param anomalyType the anomaly, named as in anomalies.proto
 * @param detail what was expected and what was found
 * @param values the example's values of the feature as text (floats as Java prints them, so NaN and
 *     Infinity survive JSON; bytes as UTF-8, or {@code base64:...} when not UTF-8), at most
 *     {@link #MAX_VALUES}; empty when the feature is missing
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RowAnomaly(String split, String file, long record, String feature, AnomalyType anomalyType,
    String detail, List<String> values) {
  /** Values listed per anomaly at most. */
  public static final int MAX_VALUES = 100;

  public RowAnomaly {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(anomalyType, "anomalyType");
    Objects.requireNonNull(detail, "detail");
    values = List.copyOf(values);
    if (record < 0) {
      throw new IllegalArgumentException("record index must be >= 0, got " + record);
    }
  }

  /** The (feature, anomaly type) this row is sampled and counted under. */
  String key() {
    return key(feature, anomalyType);
  }

  static String key(String feature, AnomalyType type) {
    // NUL cannot appear in a schema feature name written by TFX, so the split back is unambiguous.
    return feature + '\0' + type.name();
  }
}
