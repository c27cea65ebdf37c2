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

  /**
   * {@code dir/pattern} as a Beam match spec: {@code dir} is a path, matched literally whatever
   * characters it holds ({@code [1]}, {@code {a}}, {@code *}), and only {@code pattern} is a glob.
   */
  public static String childGlob(String dir, String pattern) {
    return child(escapeGlob(dir), pattern);
  }

  /**
   * A path as a Beam match spec that matches exactly that path. A local path that exists is returned
   * as it is: Beam's LocalFileSystem takes an existing file literally before trying it as a glob (and
   * a glob walks the tree from its first wildcard's parent, which an escape would cost for nothing).
   */
  public static String matchSpec(String path) {
    try {
      Optional<Path> local = localPath(path);
      if (local.isPresent() && java.nio.file.Files.exists(local.get())) {
        return path;
      }
    } catch (IllegalArgumentException e) {
      // a file: URI that is not a valid URI: matched as an escaped spec below
    }
    return escapeGlob(path);
  }

  /**
   * Escapes the glob characters of a path for Beam's match specs. Remote file systems (GCS, S3)
   * take a backslash before {@code * ? [ ] { } \}. Beam's LocalFileSystem does not: it doubles every
   * backslash before handing the spec to Java's glob matcher, so there a backslash is already
   * literal, and {@code * ? [ {} are escaped as one-character classes ({@code [*]}); {@code ]} and
   * {@code }} are literal outside a class or group.
   */
  public static String escapeGlob(String path) {
    boolean local = !hasScheme(path) || path.startsWith("file:");
    StringBuilder out = new StringBuilder(path.length() + 8);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (local && (c == '*' || c == '?' || c == '[' || c == '{')) {
        out.append('[').append(c).append(']');
      } else if (!local && "*?[]{}\\".indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The local path of a plain path or {@code file:} URI; empty for remote file systems. */
  public static Optional<Path> localPath(String uri) {
    if (!hasScheme(uri)) {
      return Optional.of(Path.of(uri).toAbsolutePath().normalize());
    }
    if (uri.startsWith("file:")) {
      return Optional.of(Path.of(URI.create(uri)).toAbsolutePath().normalize());
    }
    return Optional.empty();
  }

  private static boolean hasScheme(String uri) {
    int colon = uri.indexOf(':');
    int slash = uri.indexOf('/');
    return colon > 1 && (slash < 0 || colon < slash);
  }
}
