package io.beamline.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * A typed view of one {@code feature} of a schema: the parts of schema.proto's {@code Feature}
 * that Beamline infers and validates. Null components are not set in the schema. Whatever else the
 * feature has in the file stays in {@link Schema#text()} and is written back unchanged.
 *
 * @param name the feature name
 * @param type the value type
 * @param presence {@code presence { min_fraction min_count }}
 * @param shapeDims {@code shape { dim { size } ... }} sizes; null when the feature has no shape
 * @param valueCount {@code value_count { min max }}
 * @param domain the name of a top-level {@code string_domain} this feature refers to
 * @param intDomain {@code int_domain}
 * @param floatDomain {@code float_domain}
 * @param stringDomain a {@code string_domain} inline in the feature
 * @param boolDomain whether the feature has a {@code bool_domain}
 * @param minDomainMass {@code distribution_constraints.min_domain_mass}: the least fraction of
 *     values that must lie in the string domain (1.0 when absent, as TFDV)
 * @param driftComparator {@code drift_comparator}
 * @param skewComparator {@code skew_comparator}
 * @param inEnvironment {@code in_environment} values
 * @param notInEnvironment {@code not_in_environment} values
 * @param lifecycleStage {@code lifecycle_stage} enum name, or null
 */
public record Feature(
    String name,
    SchemaType type,
    Presence presence,
    List<Long> shapeDims,
    ValueCount valueCount,
    String domain,
    IntDomain intDomain,
    FloatDomain floatDomain,
    StringDomain stringDomain,
    boolean boolDomain,
    Double minDomainMass,
    Comparator driftComparator,
    Comparator skewComparator,
    List<String> inEnvironment,
    List<String> notInEnvironment,
    String lifecycleStage) {

  public Feature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    shapeDims = shapeDims == null ? null : List.copyOf(shapeDims);
    inEnvironment = List.copyOf(inEnvironment);
    notInEnvironment = List.copyOf(notInEnvironment);
  }

  /** A feature with only a name and a type, to add constraints to with the {@code with} methods. */
  public static Feature of(String name, SchemaType type) {
    return new Feature(name, type, null, null, null, null, null, null, null, false, null, null, null,
        List.of(), List.of(), null);
  }

  public Feature withPresence(Presence p) {
    return new Feature(name, type, p, shapeDims, valueCount, domain, intDomain, floatDomain, stringDomain,
        boolDomain, minDomainMass, driftComparator, skewComparator, inEnvironment, notInEnvironment, lifecycleStage);
  }

  public Feature withShape(List<Long> dims) {
    return new Feature(name, type, presence, dims, valueCount, domain, intDomain, floatDomain, stringDomain,
        boolDomain, minDomainMass, driftComparator, skewComparator, inEnvironment, notInEnvironment, lifecycleStage);
  }

  public Feature withValueCount(ValueCount v) {
    return new Feature(name, type, presence, shapeDims, v, domain, intDomain, floatDomain, stringDomain,
        boolDomain, minDomainMass, driftComparator, skewComparator, inEnvironment, notInEnvironment, lifecycleStage);
  }

  public Feature withDomain(String domainName) {
    return new Feature(name, type, presence, shapeDims, valueCount, domainName, intDomain, floatDomain,
        stringDomain, boolDomain, minDomainMass, driftComparator, skewComparator, inEnvironment, notInEnvironment,
        lifecycleStage);
  }

  public Feature withIntDomain(IntDomain d) {
    return new Feature(name, type, presence, shapeDims, valueCount, domain, d, floatDomain, stringDomain,
        boolDomain, minDomainMass, driftComparator, skewComparator, inEnvironment, notInEnvironment, lifecycleStage);
  }

  public Feature withFloatDomain(FloatDomain d) {
    return new Feature(name, type, presence, shapeDims, valueCount, domain, intDomain, d, stringDomain,
        boolDomain, minDomainMass, driftComparator, skewComparator, inEnvironment, notInEnvironment, lifecycleStage);
  }

  public Feature withStringDomain(StringDomain d) {
    return new Feature(name, type, presence, shapeDims, valueCount, domain, intDomain, floatDomain, d,
        boolDomain, minDomainMass, driftComparator, skewComparator, inEnvironment, notInEnvironment, lifecycleStage);
  }

  public Feature withBoolDomain() {
    return new Feature(name, type, presence, shapeDims, valueCount, domain, intDomain, floatDomain, stringDomain,
        true, minDomainMass, driftComparator, skewComparator, inEnvironment, notInEnvironment, lifecycleStage);
  }

  public Feature withMinDomainMass(Double mass) {
    return new Feature(name, type, presence, shapeDims, valueCount, domain, intDomain, floatDomain, stringDomain,
        boolDomain, mass, driftComparator, skewComparator, inEnvironment, notInEnvironment, lifecycleStage);
  }

  public Feature withDriftComparator(Comparator c) {
    return new Feature(name, type, presence, shapeDims, valueCount, domain, intDomain, floatDomain, stringDomain,
        boolDomain, minDomainMass, c, skewComparator, inEnvironment, notInEnvironment, lifecycleStage);
  }

  public Feature withSkewComparator(Comparator c) {
    return new Feature(name, type, presence, shapeDims, valueCount, domain, intDomain, floatDomain, stringDomain,
        boolDomain, minDomainMass, driftComparator, c, inEnvironment, notInEnvironment, lifecycleStage);
  }

  public Feature withEnvironments(List<String> in, List<String> notIn) {
    return new Feature(name, type, presence, shapeDims, valueCount, domain, intDomain, floatDomain, stringDomain,
        boolDomain, minDomainMass, driftComparator, skewComparator, in, notIn, lifecycleStage);
  }

  /**
   * {@code presence}: null components are not set.
   *
   * @param minFraction least fraction of examples that must have the feature
   * @param minCount least number of examples that must have the feature
   */
  public record Presence(Double minFraction, Long minCount) {
    public Presence {
      if (minFraction != null && !(minFraction >= 0 && minFraction <= 1)) {
        throw new IllegalArgumentException("presence.min_fraction must be in [0, 1], got " + minFraction);
      }
    }
  }

  /** {@code value_count}: bounds on the number of values in an example where the feature is present. */
  public record ValueCount(Long min, Long max) {}

  /**
   * {@code int_domain}.
   *
   * @param isCategorical the integers are ids of categories, not quantities
   */
  public record IntDomain(String name, Long min, Long max, boolean isCategorical) {}

  /**
   * {@code float_domain}.
   *
   * @param disallowNan null when not set in the schema
   * @param disallowInf null when not set in the schema
   */
  public record FloatDomain(String name, Double min, Double max, Boolean disallowNan, Boolean disallowInf) {}

  /**
   * A {@code drift_comparator} or {@code skew_comparator}: the thresholds set, null for the others.
   *
   * @param infinityNorm {@code infinity_norm.threshold}
   * @param jensenShannonDivergence {@code jensen_shannon_divergence.threshold}
   * @param normalizedAbsDifference {@code normalized_abs_difference.threshold}
   */
  public record Comparator(Double infinityNorm, Double jensenShannonDivergence, Double normalizedAbsDifference) {
    public boolean isEmpty() {
      return infinityNorm == null && jensenShannonDivergence == null && normalizedAbsDifference == null;
    }
  }
}
