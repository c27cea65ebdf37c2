package io.beamline.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Optional;

/**
 * Feature skew between training and serving examples joined on identifier features: the join's
 * counts and, per compared feature, how often the two sides disagreed.
 *
 * @param identifierFeatures the features the examples were joined on
 * @param floatRoundDigits digits after the point float values were rounded to before comparing; -1 exact
 * @param join how the examples joined
 * @param features per feature, by name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FeatureSkew(List<String> identifierFeatures, int floatRoundDigits, JoinCounts join,
    List<FeatureSkewCount> features) {
  public FeatureSkew {
    identifierFeatures = List.copyOf(identifierFeatures);
    features = List.copyOf(features);
  }

  public Optional<FeatureSkewCount> feature(String name) {
    return features.stream().filter(f -> f.feature().equals(name)).findFirst();
  }

  /** Features on which at least one pair disagreed. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public List<String> skewedFeatures() {
    return features.stream().filter(f -> f.diffCount() > 0).map(FeatureSkewCount::feature).toList();
  }
}
