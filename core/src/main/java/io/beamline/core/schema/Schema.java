package io.beamline.core.schema;

import io.beamline.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TensorFlow Metadata schema: the full text-format tree (every field of the file, modelled or
 * not, with its comments) and typed views of the parts Beamline uses. Immutable; two schemas are
 * equal when their trees are.
 *
 * <pre>{@code
 * Schema schema = SchemaText.read("schema/schema.pbtxt");
 * Feature fare = schema.requireFeature("fare");
 * Optional<StringDomain> payments = schema.stringDomainOf(schema.requireFeature("payment_type"));
 * }</pre>
 */
public final class Schema {
  /** The header protobuf tooling (and TFX) writes so editors know the message type. */
  static final List<String> HEADER = List.of(
      " proto-file: tensorflow_metadata/proto/v0/schema.proto", " proto-message: Schema");
  /** TFX's SchemaGen ends every schema with this comment; kept so our files match theirs. */
  static final String TRAILER = " generate_legacy_feature_spec: false";

  private final TextMessage text;
  private final List<Feature> features;
  private final List<StringDomain> stringDomains;
  private final List<String> defaultEnvironments;
  private final DatasetConstraints datasetConstraints;

  private Schema(TextMessage text, String source) {
    this.text = Objects.requireNonNull(text, "text");
    List<Feature> fs = new ArrayList<>();
    try {
      for (TextMessage f : text.messages("feature")) {
        fs.add(SchemaTree.feature(f));
      }
      this.stringDomains = text.messages("string_domain").stream().map(SchemaTree::stringDomain).toList();
      this.defaultEnvironments = text.strings("default_environment");
      this.datasetConstraints = text.message("dataset_constraints").map(SchemaTree::datasetConstraints)
          .orElse(null);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Schema " + source + ": " + e.getMessage(), e);
    }
    this.features = List.copyOf(fs);
    for (Feature f : features) {
      if (f.domain() != null && stringDomain(f.domain()).isEmpty()) {
        throw new InvalidInputException("Schema " + source + ": feature '" + f.name() + "' refers to domain '"
            + f.domain() + "', but the schema has no string_domain of that name; it has "
            + stringDomains.stream().map(StringDomain::name).toList());
      }
    }
  }

  /**
   * A schema from a parsed text-format tree.
   *
   * @param source where the tree came from, for error messages
   * @throws InvalidInputException when a modelled field has the wrong kind of value
   */
  public static Schema fromText(TextMessage text, String source) {
    return new Schema(text, source);
  }

  /**
   * A schema built from typed parts, written as TFX's SchemaGen writes one: the header comments,
   * features in the given order, then the named string domains, then the trailer comment.
   */
  public static Schema of(List<Feature> features, List<StringDomain> stringDomains) {
    List<TextField> fields = new ArrayList<>();
    for (Feature f : features) {
      TextField field = TextField.of("feature", SchemaTree.toText(f));
      fields.add(fields.isEmpty() ? field.withComments(HEADER) : field);
    }
    for (StringDomain d : stringDomains) {
      TextField field = TextField.of("string_domain", SchemaTree.toText(d));
      fields.add(fields.isEmpty() ? field.withComments(HEADER) : field);
    }
    List<String> trailing = fields.isEmpty() ? List.of(HEADER.get(0), HEADER.get(1), TRAILER) : List.of(TRAILER);
    return new Schema(new TextMessage(fields, trailing), "built in memory");
  }

  /** The whole schema as a text-format tree, including fields Beamline does not model. */
  public TextMessage text() {
    return text;
  }

  public List<Feature> features() {
    return features;
  }

  public Optional<Feature> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The feature, or an error listing the features the schema has. */
  public Feature requireFeature(String name) {
    return feature(name).orElseThrow(() -> new InvalidInputException("The schema has no feature '" + name
        + "'; it has " + features.stream().map(Feature::name).toList()));
  }

  /** The top-level named string domains. */
  public List<StringDomain> stringDomains() {
    return stringDomains;
  }

  public Optional<StringDomain> stringDomain(String name) {
    return stringDomains.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** A feature's string domain: the top-level one it refers to, or its inline one. */
  public Optional<StringDomain> stringDomainOf(Feature feature) {
    if (feature.domain() != null) {
      return stringDomain(feature.domain());
    }
    return Optional.ofNullable(feature.stringDomain());
  }

  /** {@code default_environment} values: the environments a feature without {@code in_environment} is in. */
  public List<String> defaultEnvironments() {
    return defaultEnvironments;
  }

  public Optional<DatasetConstraints> datasetConstraints() {
    return Optional.ofNullable(datasetConstraints);
  }

  /**
   * Whether a feature is expected in an environment, with TFDV's rule: listed in its
   * {@code in_environment}; or, when that is empty, the environment is a default environment (or there
   * are none) and is not in its {@code not_in_environment}. With no environment given every feature
   * is expected.
   */
  public boolean inEnvironment(Feature feature, String environment) {
    if (environment == null) {
      return true;
    }
    if (!feature.inEnvironment().isEmpty()) {
      return feature.inEnvironment().contains(environment);
    }
    if (feature.notInEnvironment().contains(environment)) {
      return false;
    }
    return defaultEnvironments.isEmpty() || defaultEnvironments.contains(environment);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return "Schema" + features.stream().map(Feature::name).toList();
  }
}
