package io.beamline.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * The allowed values of a string feature, as schema.proto's {@code StringDomain}. A named domain
 * at the top of the schema is shared by reference ({@code domain: "name"} in a feature), which is
 * how TFX writes inferred domains.
 *
 * @param name the domain name (TFX uses the feature name); empty for a domain inline in a feature
 * @param values the allowed values, in schema order
 */
public record StringDomain(String name, List<String> values) {
  public StringDomain {
    Objects.requireNonNull(name, "name");
    values = List.copyOf(values);
  }
}
