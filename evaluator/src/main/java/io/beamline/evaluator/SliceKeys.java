package io.beamline.evaluator;

import io.beamline.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * The slices an example belongs to, named {@code Overall} or {@code feature=value[,feature=value]}
 * (given values first, sorted by feature, then the keys in the spec's order). Also reads the label
 * and weight features, since both are per-example reads of a tf.Example.
 */
final class SliceKeys {
  static final String OVERALL = "Overall";

  private SliceKeys() {}

  /** Every slice of {@code example} under {@code specs} (none bucketed), without duplicates, Overall first. */
  static List<String> of(Example example, List<SlicingSpec> specs) {
    return of(example, specs, Map.of());
  }

  /** The key of a feature's buckets in the map given to {@link #of(Example, List, Map)}. */
  static String bucketKey(String feature, int buckets) {
    return feature + "/" + buckets;
  }

  /**
   * Every slice of {@code example} under {@code specs}, without duplicates, Overall first; a spec with
   * quantile buckets names each value by its bucket in {@code buckets} (by {@link #bucketKey}).
   */
  static List<String> of(Example example, List<SlicingSpec> specs, Map<String, QuantileBuckets> buckets) {
    Map<String, Feature> features = example.getFeatures().getFeatureMap();
    List<String> out = new ArrayList<>();
    for (SlicingSpec spec : specs) {
      List<String> prefixes = List.of("");
      boolean matches = true;
      for (Map.Entry<String, String> given : spec.featureValues().entrySet()) {
        if (!values(features.get(given.getKey())).contains(given.getValue())) {
          matches = false;
          break;
        }
        prefixes = List.of(join(prefixes.get(0), given.getKey(), given.getValue()));
      }
      if (!matches) {
        continue;
      }
      for (String key : spec.featureKeys()) {
        List<String> values = spec.quantileBuckets() == null ? values(features.get(key))
            : bucketed(features.get(key), buckets.get(bucketKey(key, spec.quantileBuckets())));
        List<String> next = new ArrayList<>(prefixes.size() * values.size());
        for (String prefix : prefixes) {
          for (String value : values) {
            next.add(join(prefix, key, value));
          }
        }
        prefixes = next;
      }
      for (String slice : prefixes) {
        String name = slice.isEmpty() ? OVERALL : slice;
        if (!out.contains(name)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  private static List<String> bucketed(Feature feature, QuantileBuckets buckets) {
    List<String> out = new ArrayList<>();
    if (feature != null) {
      switch (feature.getKindCase()) {
        case INT64_LIST -> feature.getInt64List().getValueList().forEach(v -> out.add(buckets.name(v)));
        case FLOAT_LIST -> feature.getFloatList().getValueList().forEach(v -> out.add(buckets.name(v)));
        default -> { }
      }
    }
    return out;
  }

  private static String join(String prefix, String feature, String value) {
    return (prefix.isEmpty() ? "" : prefix + ",") + feature + "=" + value;
  }

  /** A feature's values as strings (bytes as UTF-8, numbers as Java prints them); none if missing. */
  static List<String> values(Feature feature) {
    if (feature == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    switch (feature.getKindCase()) {
      case INT64_LIST -> feature.getInt64List().getValueList().forEach(v -> out.add(Long.toString(v)));
      case FLOAT_LIST -> feature.getFloatList().getValueList().forEach(v -> out.add(Float.toString(v)));
      case BYTES_LIST -> feature.getBytesList().getValueList().forEach(v -> out.add(v.toString(StandardCharsets.UTF_8)));
      default -> { }
    }
    return out;
  }

  /** The single numeric value of {@code name} (label or weight), or an error naming what is wrong. */
  static double number(Example example, String name, String role, String source) {
    Feature feature = example.getFeatures().getFeatureMap().get(name);
    if (feature == null) {
      throw new InvalidInputException(role + " feature '" + name + "' is missing from an example in " + source
          + "; the example has features " + new java.util.TreeSet<>(example.getFeatures().getFeatureMap().keySet()));
    }
    switch (feature.getKindCase()) {
      case INT64_LIST -> {
        if (feature.getInt64List().getValueCount() == 1) {
          return feature.getInt64List().getValue(0);
        }
      }
      case FLOAT_LIST -> {
        if (feature.getFloatList().getValueCount() == 1) {
          return feature.getFloatList().getValue(0);
        }
      }
      default -> throw new InvalidInputException(role + " feature '" + name + "' in " + source
          + " is " + feature.getKindCase() + ": expected one int or float value");
    }
    throw new InvalidInputException(role + " feature '" + name + "' in " + source + " has "
        + values(feature).size() + " values " + values(feature) + ": expected exactly one");
  }
}
