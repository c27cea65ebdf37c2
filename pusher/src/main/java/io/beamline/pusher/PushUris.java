package io.beamline.pusher;

import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidParameterException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/** Resolves the pusher's URIs through Beam's {@link FileSystems}, with errors that name the URI. */
final class PushUris {
  private PushUris() {}

  /**
   * The directory resource of {@code uri} (its string form ends with '/').
   *
   * @param what what the URI is, for the error ("Pusher destination", "Model gs://...")
   * @throws InvalidParameterException when no Beam file system is registered for the URI's scheme
   */
  static ResourceId directory(String uri, String what) {
    try {
      return FileSystems.matchNewResource(uri, true);
    } catch (IllegalArgumentException e) {
      // Beam says "No filesystem found for scheme x" without the URI; say which URI and what to add.
      throw new InvalidParameterException(what + " '" + uri + "': no Beam file system is registered"
          + " for its scheme (" + e.getMessage() + "). Put the file system's module on the classpath,"
          + " e.g. beam-sdks-java-io-google-cloud-platform for gs:// or"
          + " beam-sdks-java-io-amazon-web-services2 for s3://");
    }
  }

  /** The name of {@code file} below the directory whose string form is {@code prefix}. */
  static String relative(String prefix, ResourceId file) {
    String s = file.toString();
    if (!s.startsWith(prefix)) {
      throw new BeamlineException("Listing " + prefix + "** returned " + s + ", which is not below it");
    }
    return s.substring(prefix.length());
  }
}
