package io.beamline.schemagen;

import io.beamline.core.InvalidParameterException;
import java.util.List;

/**
 * Parameters of {@link SchemaGen}.
 *
 * @param split the split whose statistics the schema is inferred from (default {@code train}, as
 *     TFX); when the statistics have no such split but exactly one split, that one is used
 * @param inferFeatureShape {@code shape { dim { size: 1 } }} for features with exactly one value in
 *     every example (default true); false gives {@code value_count} instead ({@code --no-infer-shape})
 * @param maxStringDomainSize string features with 1 to this many distinct values get a
 *     {@code string_domain} (default 100)
 * @param categoricalFeatures INT features that are category ids: they get
 *     {@code int_domain { is_categorical: true }}, as do INT features whose statistics carry string
 *     statistics
 */
public record SchemaGenParameters(
    String split, boolean inferFeatureShape, int maxStringDomainSize, List<String> categoricalFeatures) {

  public static final String DEFAULT_SPLIT = "train";

  public SchemaGenParameters {
    if (split == null || split.isBlank()) {
      throw new InvalidParameterException("split must be a split name, got '" + split + "'");
    }
    if (maxStringDomainSize < 0) {
      throw new InvalidParameterException("max_string_domain_size must be >= 0, got " + maxStringDomainSize);
    }
    categoricalFeatures = List.copyOf(categoricalFeatures);
  }

  public static SchemaGenParameters defaults() {
    return new SchemaGenParameters(DEFAULT_SPLIT, true, 100, List.of());
  }

  public SchemaGenParameters withSplit(String name) {
    return new SchemaGenParameters(name, inferFeatureShape, maxStringDomainSize, categoricalFeatures);
  }

  public SchemaGenParameters withInferFeatureShape(boolean infer) {
    return new SchemaGenParameters(split, infer, maxStringDomainSize, categoricalFeatures);
  }

  public SchemaGenParameters withMaxStringDomainSize(int max) {
    return new SchemaGenParameters(split, inferFeatureShape, max, categoricalFeatures);
  }

  public SchemaGenParameters withCategoricalFeatures(List<String> features) {
    return new SchemaGenParameters(split, inferFeatureShape, maxStringDomainSize, features);
  }
}
