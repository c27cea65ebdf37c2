package io.beamline.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  /** Lines a person reads: the distribution verdict with each skewed feature's reason, then the join. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (distribution != null) {
      out.append(String.format(Locale.ROOT, "distribution: %s (%d of %d features skewed)%n",
          distribution.drifted() ? "SKEWED" : "stable", distribution.driftedFeatures().size(),
          distribution.features().stream().filter(f -> !f.test().equals("NONE")).count()));
      distribution.features().stream().filter(FeatureDrift::drifted)
          .forEach(f -> out.append("  ").append(f.feature()).append(": ").append(f.reason()).append('\n'));
    }
    if (featureSkew != null) {
      JoinCounts j = featureSkew.join();
      out.append(String.format(Locale.ROOT, "feature skew on %s: %d pairs compared, %d skewed; ids only in training"
              + " %d, only in serving %d, duplicated %d; without id: %d training, %d serving%n",
          featureSkew.identifierFeatures(), j.pairsCompared(), j.skewedPairs(), j.idsOnlyInTraining(),
          j.idsOnlyInServing(), j.duplicateIds(), j.trainingWithoutId(), j.servingWithoutId()));
      for (FeatureSkewCount f : featureSkew.features()) {
        if (f.diffCount() > 0) {
          out.append(String.format(Locale.ROOT, "  %s: %d of %d pairs differ (mismatch %d, training only %d,"
              + " serving only %d)%n", f.feature(), f.diffCount(), f.diffCount() + f.matchCount(), f.mismatchCount(),
              f.trainingOnly(), f.servingOnly()));
        }
      }
    }
    return out.toString();
  }
}
