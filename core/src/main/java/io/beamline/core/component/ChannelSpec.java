package io.beamline.core.component;

import java.util.Objects;

/**
 * A named, typed input or output of a component.
 *
 * @param key the input or output key, e.g. {@code examples}
 * @param type the artifact type it carries
 * @param optional whether an input may be left unbound (outputs are never optional)
 */
public record ChannelSpec(String key, ArtifactType type, boolean optional) {
  public ChannelSpec {
    Objects.requireNonNull(type, "type");
    ComponentSpec.checkName("channel key", key);
  }

  public static ChannelSpec required(String key, ArtifactType type) {
    return new ChannelSpec(key, type, false);
  }

  public static ChannelSpec optional(String key, ArtifactType type) {
    return new ChannelSpec(key, type, true);
  }
}
