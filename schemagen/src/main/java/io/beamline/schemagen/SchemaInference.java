package io.beamline.schemagen;

import io.beamline.core.schema.Feature;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaType;
import io.beamline.core.schema.StringDomain;
import io.beamline.core.statistics.CommonStatistics;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.RankHistogram;
import io.beamline.core.statistics.StringStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Infers a schema from statistics with TFDV's rules, as a plain function.
 *
 * <pre>{@code
 * Schema schema = SchemaInference.infer(stats.whole(), SchemaGenParameters.defaults());
 * }</pre>
 *
 * <ul>
 *   <li>type: INT, FLOAT; STRING and BYTES statistics become BYTES (tf.Example has no string type).
 *   <li>presence: {@code min_count: 1} when the feature was present at least once (nothing when never
 *       present, so the same data validates), {@code min_fraction: 1.0} only when it was never missing.
 *   <li>shape: {@code shape { dim { size: 1 } }} when every example has exactly one value; otherwise (or
 *       without shape inference) {@code value_count { min: n max: n }} when every present example has
 *       the same n >= 1 values, else {@code value_count { min: 1 }} when each has at least one.
 *   <li>domains: {@code int_domain { min max is_categorical: true }} for categorical INT features
 *       (bounds from the observed values, so unseen category ids are caught later);
 *       {@code bool_domain} for other INT features whose values are all 0 or 1; a named top-level
 *       {@code string_domain} (values sorted) for string features with 1 to
 *       {@code maxStringDomainSize} distinct values, when the statistics list them all exactly.
 * </ul>
 */
public final class SchemaInference {
  private SchemaInference() {}

  public static Schema infer(DatasetFeatureStatistics stats, SchemaGenParameters parameters) {
    List<Feature> features = new ArrayList<>();
    List<StringDomain> domains = new ArrayList<>();
    for (FeatureNameStatistics f : stats.features()) {
      Feature feature = Feature.of(f.name(), type(f));
      CommonStatistics common = f.commonStats();
      if (common.numNonMissing() > 0) {
        feature = feature.withPresence(new Feature.Presence(common.numMissing() == 0 ? 1.0 : null, 1L));
        feature = shape(feature, common, parameters.inferFeatureShape());
      }
      if (f.type() == io.beamline.core.statistics.StatisticsType.INT) {
        feature = intDomain(feature, f, parameters);
      } else if (f.type() == io.beamline.core.statistics.StatisticsType.STRING) {
        Optional<StringDomain> domain = stringDomain(f, parameters.maxStringDomainSize());
        if (domain.isPresent()) {
          domains.add(domain.get());
          feature = feature.withDomain(domain.get().name());
        }
      }
      features.add(feature);
    }
    return Schema.of(features, domains);
  }

  private static SchemaType type(FeatureNameStatistics f) {
    return switch (f.type()) {
      case INT -> SchemaType.INT;
      case FLOAT -> SchemaType.FLOAT;
      case STRING, BYTES -> SchemaType.BYTES;
      case STRUCT -> SchemaType.STRUCT;
    };
  }

  private static Feature shape(Feature feature, CommonStatistics common, boolean inferShape) {
    long min = common.minNumValues();
    long max = common.maxNumValues();
    if (inferShape && common.numMissing() == 0 && min == 1 && max == 1) {
      return feature.withShape(List.of(1L));
    }
    if (min == max && min >= 1) {
      return feature.withValueCount(new Feature.ValueCount(min, max));
    }
    if (min >= 1) {
      return feature.withValueCount(new Feature.ValueCount(1L, null));
    }
    return feature;
  }

  private static Feature intDomain(Feature feature, FeatureNameStatistics f, SchemaGenParameters parameters) {
    NumericStatistics num = f.numStats();
    boolean categorical = parameters.categoricalFeatures().contains(f.name()) || f.stringStats() != null;
    if (categorical) {
      Long min = num == null || num.min() == null ? null : (long) Math.floor(num.min());
      Long max = num == null || num.max() == null ? null : (long) Math.ceil(num.max());
      return feature.withIntDomain(new Feature.IntDomain("", min, max, true));
    }
    if (num != null && num.min() != null && num.max() != null && num.min() >= 0 && num.max() <= 1) {
      return feature.withBoolDomain();
    }
    return feature;
  }

  private static Optional<StringDomain> stringDomain(FeatureNameStatistics f, int maxSize) {
    StringStatistics s = f.stringStats();
    if (s == null || s.approximate() || s.invalidUtf8Count() > 0 || s.unique() < 1 || s.unique() > maxSize) {
      return Optional.empty();
    }
    TreeSet<String> values = new TreeSet<>();
    for (RankHistogram.Bucket b : s.rankHistogram().buckets()) {
      values.add(b.label());
    }
    if (values.size() != s.unique()) {
      values.clear();
      s.topValues().forEach(v -> values.add(v.value()));
    }
    // Only a complete list is a domain: a partial one would flag valid values as unexpected.
    if (values.size() != s.unique()) {
      return Optional.empty();
    }
    return Optional.of(new StringDomain(f.name(), List.copyOf(values)));
  }
}
