package io.beamline.core.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Which evaluation metric a series follows, written {@code METRIC} (the Overall slice),
 * {@code METRIC@SLICE} (e.g. {@code auc@trip_start_hour=3}) or {@code METRIC@worst} (the lowest
 * value over the reported slices, for metrics where higher is better).
 *
 * <p>Read from a ModelEvaluation's {@code metrics.json}: {@code slices[].slice} and
 * {@code slices[].candidate.values.<metric>}, the Evaluator's format.
 *
 * @param metric the metric name as the Evaluator writes it, e.g. {@code auc}
 * @param slice the slice name, {@value #OVERALL} or {@value #WORST}
 */
public record MetricRef(String metric, String slice) {
  public static final String OVERALL = "Overall";
  public static final String WORST = "worst";

  public MetricRef {
    if (metric == null || metric.isBlank()) {
      throw new InvalidParameterException("A metric reference needs a metric name, got '" + metric + "'");
    }
    Objects.requireNonNull(slice, "slice");
  }

  /** Parses {@code METRIC[@SLICE]}. */
  public static MetricRef parse(String text) {
    int at = text.indexOf('@');
    return at < 0 ? new MetricRef(text, OVERALL) : new MetricRef(text.substring(0, at), text.substring(at + 1));
  }

  /**
   * The value in a parsed {@code metrics.json}; empty when the slice is not reported or the metric
   * is undefined there.
   *
   * @param source where the JSON came from, for the error message
   * @throws InvalidInputException when the JSON has no {@code slices} list
   */
  public OptionalDouble read(JsonNode metrics, String source) {
    JsonNode slices = metrics.get("slices");
    if (slices == null || !slices.isArray()) {
      throw new InvalidInputException("Evaluation metrics " + source + " have no 'slices' list");
    }
    OptionalDouble worst = OptionalDouble.empty();
    for (JsonNode s : slices) {
      JsonNode value = s.path("candidate").path("values").get(metric);
      if (value == null || !value.isNumber()) {
        continue;
      }
      if (slice.equals(WORST)) {
        if (worst.isEmpty() || value.asDouble() < worst.getAsDouble()) {
          worst = OptionalDouble.of(value.asDouble());
        }
      } else if (slice.equals(s.path("slice").asText())) {
        return OptionalDouble.of(value.asDouble());
      }
    }
    return worst;
  }

  @Override
  public String toString() {
    return metric + "@" + slice;
  }
}
