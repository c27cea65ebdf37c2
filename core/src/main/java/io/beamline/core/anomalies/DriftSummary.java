package io.beamline.core.anomalies;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The data-set-level drift verdict of {@code --drift auto} (a Beamline extension): how many of the
 * features that could be judged drifted, and whether that share reaches the threshold.
 *
 * @param featuresEvaluated features with enough data in both data sets to be judged
 * @param driftedFeatures the names of the drifted ones
 * @param skippedFeatures features not judged (too few values, or missing from one side)
 * @param driftedShare {@code driftedFeatures.size() / featuresEvaluated} (0 when none evaluated)
 * @param shareThreshold the share at or above which the data set is called drifted
 * @param datasetDrifted the verdict
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DriftSummary(int featuresEvaluated, List<String> driftedFeatures, List<String> skippedFeatures,
    double driftedShare, double shareThreshold, boolean datasetDrifted) {
  public DriftSummary {
    driftedFeatures = List.copyOf(driftedFeatures);
    skippedFeatures = List.copyOf(skippedFeatures);
  }
}
