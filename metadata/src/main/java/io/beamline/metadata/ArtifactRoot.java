package io.beamline.metadata;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where artifact payloads live, and the URI of each output:
 * {@code <root>/<pipeline>/<node>/<output key>/<execution id>/}.
 *
 * <pre>{@code
 * ArtifactRoot.of("gs://bucket/beamline").outputUri("taxi", "StatisticsGen", "statistics", 12)
 *     // "gs://bucket/beamline/taxi/StatisticsGen/statistics/12/"
 * }</pre>
 *
 * <p>A root with a scheme ({@code gs://}, {@code s3://}, {@code hdfs://}, {@code file://}) is kept
 * as given; a plain local path is made absolute, so stored URIs do not depend on the working
 * directory. Pure string logic: nothing is created. The CLI's default root is
 * {@code $BEAMLINE_HOME/artifacts}.
 */
public final class ArtifactRoot {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  private final String root;

  private ArtifactRoot(String root) {
    this.root = root;
  }

  public static ArtifactRoot of(String rootUri) {
    Checks.requireName(rootUri, "Artifact root");
    String root = rootUri.strip();
    if (SCHEME.matcher(root).matches()) {
      int minLength = root.indexOf("://") + 3;
      while (root.length() > minLength && root.endsWith("/")) {
        root = root.substring(0, root.length() - 1);
      }
      if (root.length() == minLength) {
        throw new MetadataStoreException("Artifact root " + Checks.quote(rootUri)
            + " names no bucket or host");
      }
    } else {
      root = Path.of(root).toAbsolutePath().normalize().toString();
      if (root.endsWith("/") && root.length() > 1) {
        root = root.substring(0, root.length() - 1);
      }
    }
    return new ArtifactRoot(root);
  }

  /** The root, without a trailing slash. */
  public String uri() {
    return root;
  }

  /** {@code <root>/<pipeline>/<node>/<outputKey>/<executionId>/}, trailing slash included. */
  public String outputUri(String pipeline, String node, String outputKey, long executionId) {
    if (executionId <= 0) {
      throw new MetadataStoreException("Output URI: execution id must be positive, got "
          + executionId);
    }
    return (root.equals("/") ? "" : root) + "/" + part("pipeline", pipeline) + "/"
        + part("node", node) + "/" + part("output key", outputKey) + "/" + executionId + "/";
  }

  private static String part(String what, String value) {
    Checks.requireName(value, "Output URI: " + what);
    if (value.contains("/") || value.contains("\\") || value.contains("..")) {
      throw new MetadataStoreException("Output URI: " + what + " " + Checks.quote(value)
          + " must not contain '/', '\\' or '..'");
    }
    return value;
  }

  @Override
  public String toString() {
    return root;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArtifactRoot other && other.root.equals(root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }
}
