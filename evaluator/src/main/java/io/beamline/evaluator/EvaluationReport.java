package io.beamline.evaluator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.evaluator.metrics.MetricsResult;
import java.util.List;
import java.util.Objects;

/**
 * What an evaluation produced, written as {@code metrics.json} in the ModelEvaluation artifact.
 *
 * @param candidateModelId the candidate's store id (0 outside a store)
 * @param candidateModelUri the candidate's location
 * @param baselineModelId the baseline's store id, null without a baseline
 * @param baselineModelUri the baseline's location, null without a baseline
 * @param examplesUri the eval data
 * @param split the split evaluated
 * @param minSliceSize slices with fewer examples were not reported
 * @param hiddenSlices how many slices that was
 * @param slices reported slices, Overall first, then by name
 * @param validation the threshold checks
 * @param config the eval config used
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvaluationReport(long candidateModelId, String candidateModelUri, Long baselineModelId,
    String baselineModelUri, String examplesUri, String split, long minSliceSize, int hiddenSlices,
    List<SliceMetrics> slices, ValidationResult validation, EvaluatorParameters config) {
  public EvaluationReport {
    slices = List.copyOf(slices);
    Objects.requireNonNull(validation, "validation");
  }

  /** The overall slice. */
  public SliceMetrics overall() {
    return slice(SliceKeys.OVERALL);
  }

  public SliceMetrics slice(String name) {
    return slices.stream().filter(s -> s.slice().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No reported slice '" + name + "'"));
  }

  /**
   * The metrics of one slice for the candidate and, when there is one, the baseline.
   *
   * @param slice the slice name, e.g. {@code Overall} or {@code trip_start_hour=3}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record SliceMetrics(String slice, MetricsResult candidate, MetricsResult baseline) {
    public SliceMetrics {
      Objects.requireNonNull(slice, "slice");
      Objects.requireNonNull(candidate, "candidate");
    }
  }
}
