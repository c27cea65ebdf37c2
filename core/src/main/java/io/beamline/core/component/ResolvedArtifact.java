package io.beamline.core.component;

import java.util.Objects;

/**
 * An artifact handed to an executor: where its payload is and what is known about it.
 *
 * @param id the metadata store id, or 0 when the artifact does not come from a store
 * @param type the artifact type
 * @param uri the payload location: a local directory or any Beam FileSystem URI
 * @param properties the artifact's properties
 */
public record ResolvedArtifact(long id, ArtifactType type, String uri, ArtifactProperties properties) {
  public ResolvedArtifact {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(properties, "properties");
  }

  /** An artifact known only by its location, as a library or command-line user gives it. */
  public static ResolvedArtifact at(ArtifactType type, String uri) {
    return ArtifactManifest.read(uri)
        .map(m -> new ResolvedArtifact(0, type, uri, m.properties()))
        .orElseGet(() -> new ResolvedArtifact(0, type, uri, ArtifactProperties.empty()));
  }
}
