package io.beamline.trainer;

import io.beamline.core.examples.FeatureType;
import java.util.List;
import java.util.Objects;

/**
 * How one input feature is preprocessed inside the graph; the constants come from the train
 * split's statistics and are stored in the SavedModel as graph constants.
 *
 * @param name the feature name in tf.Example
 * @param type the value type in tf.Example (INT, FLOAT or BYTES)
 * @param mean numeric: the train mean, used to impute a missing value and to centre
 * @param std numeric: the train standard deviation (1 when the statistics give 0 or none)
 * @param vocabulary BYTES: the values one-hot encoded; any other value goes to the OOV column
 * @param boundaries numeric: quantile boundaries for an extra bucket one-hot encoding (empty: none)
 */
record InputFeature(String name, FeatureType type, double mean, double std, List<String> vocabulary,
    List<Double> boundaries) {

  InputFeature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    vocabulary = List.copyOf(vocabulary);
    boundaries = List.copyOf(boundaries);
    if (!(std > 0) || !Double.isFinite(mean)) {
      throw new IllegalArgumentException("Feature '" + name + "': need a finite mean and std > 0, got "
          + mean + " / " + std);
    }
  }

  boolean categorical() {
    return type == FeatureType.BYTES;
  }

  /** Columns this feature contributes to the model input. */
  int width() {
    if (categorical()) {
      return vocabulary.size() + 2; // one-hot, OOV, missing
    }
    return 2 + (boundaries.isEmpty() ? 0 : boundaries.size() + 1); // z-score, missing, buckets
  }
}
