package io.beamline.core.component;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * A small JSON file, {@value #FILE_NAME}, written into every artifact directory a component run
 * publishes: the artifact's type and properties. It lets the command line chain components on plain
 * directories (no store) with the same properties the store would have given. TFX readers ignore it:
 * they read only the {@code Split-*} folders.
 *
 * @param type the artifact type name
 * @param properties the artifact properties
 */
public record ArtifactManifest(String type, ArtifactProperties properties) {
  public static final String FILE_NAME = ".beamline-artifact.json";

  /** Reads the manifest of the artifact at {@code uri}, if it has one. */
  public static Optional<ArtifactManifest> read(String uri) {
    ResourceId file = resolve(uri);
    try {
      MatchResult match = FileSystems.match(ArtifactUris.matchSpec(file.toString()));
      if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
        return Optional.empty();
      }
      try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
        JsonNode node = Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> props = Json.mapper().convertValue(node.path("properties"), Map.class);
        return Optional.of(new ArtifactManifest(node.path("type").asText(),
            ArtifactProperties.of(props == null ? Map.of() : props)));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException("Cannot read artifact manifest " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes this manifest into the artifact directory at {@code uri}. */
  public void write(String uri) {
    ResourceId file = resolve(uri);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", type);
    doc.put("properties", properties.asMap());
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(file, MimeTypes.TEXT))) {
      out.write(Json.writePretty(doc).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new BeamlineException("Cannot write artifact manifest " + file + ": " + e.getMessage(), e);
    }
  }

  private static ResourceId resolve(String uri) {
    return FileSystems.matchNewResource(ArtifactUris.child(uri, FILE_NAME), false);
  }
}
