package io.beamline.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@link ServingSkew} found: the serving data's distribution against the training data's,
 * feature by feature ({@link DriftTests} on the kept sketches: the serving side is "current", the
 * training side the baseline), and when examples were joined, the per-example feature skew.
 *
 * @param distribution the distribution tests, or null when no statistics were given
 * @param featureSkew the join's counts, or null when no identifier features were given
 * @param skewPairs a sample of pairs that disagree, smallest identifiers first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServingSkewReport(DatasetDrift distribution,
    FeatureSkew featureSkew, List<SkewPair> skewPairs) {
  public ServingSkewReport {
    skewPairs = List.copyOf(skewPairs);
  }

  /** Features whose distribution skewed or on which a joined pair disagreed, by name. */
  public List<String> skewedFeatures() {
    TreeSet<String> out = new TreeSet<>();
    if (distribution != null) {
      out.addAll(distribution.driftedFeatures());
    }
    if (featureSkew != null) {
      out.addAll(featureSkew.skewedFeatures());
    }
    return new ArrayList<>(out);
  }

  /** Whether any feature's distribution skewed or any joined pair disagreed on a feature. */
  public boolean skewDetected() {
    return !skewedFeatures().isEmpty();
  }
}
