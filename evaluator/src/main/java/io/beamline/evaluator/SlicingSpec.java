package io.beamline.evaluator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.InvalidParameterException;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One way to slice the eval data, as in TFMA: no keys and no values is the overall slice; each
 * {@code feature_keys} entry splits by that feature's values (two or more keys: their cross); each
 * {@code feature_values} entry keeps only examples with that value. An example missing a sliced
 * feature is in no slice of this spec; a multivalent feature puts its example in one slice per value.
 *
 * <pre>{@code
 * {"feature_keys": ["trip_start_hour"]}                      one slice per hour
 * {"feature_keys": ["payment_type", "trip_start_hour"]}      their cross
 * {"feature_values": {"payment_type": "Cash"}}               one slice: cash trips
 * {"feature_keys": ["trip_miles"], "quantile_buckets": 4}    four slices of equal mass
 * }</pre>
 *
 * <p>With {@code quantile_buckets}, every feature key of the spec is numeric and sliced into that
 * many buckets cut at the quantiles of its statistics (the Evaluator's {@code statistics} input), named
 * like {@code trip_miles=[1.2, 3.5)}. Slices are reported in natural order ({@code hour=2} before
 * {@code hour=10}).
 *
 * @param featureKeys features whose values (or buckets) split the data; two or more: their cross
 * @param featureValues features with one kept value each
 * @param quantileBuckets null: slice by the values; 2 to 100: by that many quantile buckets
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SlicingSpec(List<String> featureKeys, Map<String, String> featureValues, Integer quantileBuckets)
    implements Serializable {
  public SlicingSpec(List<String> featureKeys, Map<String, String> featureValues) {
    this(featureKeys, featureValues, null);
  }

  public SlicingSpec {
    if (quantileBuckets != null && (quantileBuckets < 2 || quantileBuckets > 100)) {
      throw new InvalidParameterException("quantile_buckets must be 2 to 100, got " + quantileBuckets);
    }
    if (quantileBuckets != null && (featureKeys == null || featureKeys.isEmpty())) {
      throw new InvalidParameterException("quantile_buckets " + quantileBuckets + " needs feature_keys to bucket");
    }
    featureKeys = List.copyOf(featureKeys == null ? List.of() : featureKeys);
    featureValues = Collections.unmodifiableMap(new TreeMap<>(featureValues == null ? Map.of() : featureValues));
    for (String key : featureKeys) {
      if (key.isBlank() || featureValues.containsKey(key)) {
        throw new InvalidParameterException("Slicing spec " + featureKeys + " / " + featureValues
            + ": feature '" + key + "' is blank or both a key and a given value");
      }
    }
    if (featureKeys.stream().distinct().count() != featureKeys.size()) {
      throw new InvalidParameterException("Slicing spec lists a feature key twice: " + featureKeys);
    }
  }

  public static SlicingSpec overall() {
    return new SlicingSpec(List.of(), Map.of());
  }

  public static SlicingSpec byFeatures(String... keys) {
    return new SlicingSpec(List.of(keys), Map.of());
  }

  /** One slice per quantile bucket of {@code feature} (the cross with {@code others}' buckets too). */
  public static SlicingSpec byQuantiles(int buckets, String... keys) {
    return new SlicingSpec(List.of(keys), Map.of(), buckets);
  }

  public static SlicingSpec byValue(String feature, String value) {
    return new SlicingSpec(List.of(), Map.of(feature, value));
  }

  /** Every feature this spec reads. */
  public List<String> features() {
    java.util.List<String> all = new java.util.ArrayList<>(featureValues.keySet());
    all.addAll(featureKeys);
    return all;
  }
}
