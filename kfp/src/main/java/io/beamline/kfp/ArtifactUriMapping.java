package io.beamline.kfp;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where KFP's launcher makes a remote artifact URI readable as a local path: it mounts each object
 * store under a fixed directory ({@code gs://b/x} at {@code /gcs/b/x}, {@code minio://b/x} at
 * {@code /minio/b/x}, {@code s3://b/x} at {@code /s3/b/x}), so a step reads and writes plain files.
 * Any other URI (a local path, {@code file:}) is used as it is.
 *
 * @param prefixes URI prefix to local directory prefix, tried in order
 */
public record ArtifactUriMapping(Map<String, String> prefixes) {
  public ArtifactUriMapping {
    prefixes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prefixes));
  }

  /** KFP's launcher's mounts. */
  public static ArtifactUriMapping kfpLauncher() {
    return under("/");
  }

  /** The launcher's mounts under another directory (a test, or a local run without root). */
  public static ArtifactUriMapping under(String directory) {
    String base = directory.endsWith("/") ? directory : directory + "/";
    Map<String, String> m = new LinkedHashMap<>();
    m.put("gs://", base + "gcs/");
    m.put("minio://", base + "minio/");
    m.put("s3://", base + "s3/");
    return new ArtifactUriMapping(m);
  }

  /** The local path of {@code uri}. */
  public String localPath(String uri) {
    for (Map.Entry<String, String> e : prefixes.entrySet()) {
      if (uri.startsWith(e.getKey())) {
        return e.getValue() + uri.substring(e.getKey().length());
      }
    }
    return uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)).toString() : uri;
  }
}
