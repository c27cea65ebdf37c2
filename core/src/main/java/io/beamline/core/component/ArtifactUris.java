package io.beamline.core.component;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Joins and classifies artifact URIs, which may be plain local paths or any Beam FileSystem URI. */
public final class ArtifactUris {
  private ArtifactUris() {}

  /** {@code dir/child}, with exactly one slash between them. */
  public static String child(String dir, String child) {
    return dir.endsWith("/") ? dir + child : dir + "/" + child;
  }

  /** The local path of a plain path or {@code file:} URI; empty for remote file systems. */
  public static Optional<Path> localPath(String uri) {
    int colon = uri.indexOf(':');
    int slash = uri.indexOf('/');
    boolean hasScheme = colon > 1 && (slash < 0 || colon < slash);
    if (!hasScheme) {
      return Optional.of(Path.of(uri).toAbsolutePath().normalize());
    }
    if (uri.startsWith("file:")) {
      return Optional.of(Path.of(URI.create(uri)).toAbsolutePath().normalize());
    }
    return Optional.empty();
  }
}
