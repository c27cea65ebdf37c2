package io.beamline.evaluator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking the candidate's metrics against the eval config's thresholds.
 *
 * @param status {@code OK} (every checked threshold passed), {@code FAILED}, or {@code NOT_VALIDATED}
 *     (the config has no thresholds, so nothing vouches for the model)
 * @param failures every failed check
 * @param notes what was not checked and why (e.g. change thresholds without a baseline)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ValidationResult(Status status, List<Failure> failures, List<String> notes) implements Serializable {
  public ValidationResult {
    Objects.requireNonNull(status, "status");
    failures = List.copyOf(failures);
    notes = List.copyOf(notes);
    if ((status == Status.FAILED) == failures.isEmpty()) {
      throw new IllegalArgumentException("Status " + status + " does not match " + failures.size() + " failures");
    }
  }

  /** True only when thresholds were checked and all passed: the condition for a blessing. */
  public boolean validationOk() {
    return status == Status.OK;
  }

  public enum Status { OK, FAILED, NOT_VALIDATED }

  /**
   * One failed check.
   *
   * @param metric the metric name
   * @param slice the slice name
   * @param threshold the condition, as text (e.g. {@code value >= 0.7})
   * @param value the candidate's value, null when the metric or slice is missing
   * @param baselineValue the baseline's value for change thresholds, else null
   * @param message a sentence saying what failed
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Failure(String metric, String slice, String threshold, Double value, Double baselineValue,
      String message) implements Serializable {}
}
