package io.beamline.pusher;

import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.component.ModelFingerprint;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Reads the blessing, and pushes (or records why not): to a local destination with {@link
 * VersionedCopy} (one atomic rename), to any other Beam file system with {@link ObjectStoreCopy}.
 */
final class PusherExecutor implements Executor<PusherParameters> {
  private final VersionedCopy local;
  private final ObjectStoreCopy remote;

  PusherExecutor(VersionedCopy local, ObjectStoreCopy remote) {
    this.local = local;
    this.remote = remote;
  }

  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<PusherParameters> context) throws Exception {
    PusherParameters parameters = context.parameters();
    ResolvedArtifact model = context.input(Pusher.MODEL);
    ResolvedArtifact blessing = context.input(Pusher.BLESSING);
    if (parameters.destination().isBlank()) {
      throw new InvalidParameterException("Pusher needs a destination: the serving base directory");
    }
    // Beam registers file systems other than the local one (gs://, s3://, any on the classpath)
    // only from pipeline options; the pusher runs no pipeline, so it registers them itself.
    if (isRemote(parameters.destination()) || isRemote(model.uri()) || isRemote(blessing.uri())) {
      FileSystems.setDefaultPipelineOptions(context.options());
    }
    refuseParentSegments(parameters.destination());
    checkBlessingIsFor(blessing, model);
    Optional<Path> localBase = ArtifactUris.localPath(parameters.destination());
    String base = localBase.map(Path::toString).orElseGet(() -> remoteBase(parameters.destination()));
    boolean blessed = isBlessed(blessing);
    ArtifactProperties props = ArtifactProperties.empty()
        .with(PropertyNames.BASE, base)
        .with(PropertyNames.MODEL_ID, model.id())
        .with(PropertyNames.BLESSING_ID, blessing.id());
    if (!blessed && !parameters.pushUnblessed()) {
      String why = blessing.properties().get(PropertyNames.MESSAGE).map(Object::toString).orElse("no message");
      return Map.of(Pusher.PUSHED_MODEL, props.with(PropertyNames.PUSHED, false)
          .with(PropertyNames.REASON, "Model " + model.uri() + " is not blessed (" + why + "); not pushed"));
    }
    ServingFiles source = ServingFiles.of(model.uri());
    long version;
    try {
      version = localBase.isPresent() ? local.copy(source, localBase.get()) : remote.copy(source, base);
    } catch (IOException e) {
      throw new BeamlineException("Pushing " + source.uri() + " to " + base + " failed: " + e.getMessage()
          + (localBase.isPresent() ? "; no version directory was created" : ""), e);
    }
    String destination = localBase.isPresent() ? localBase.get().resolve(Long.toString(version)).toString()
        : ArtifactUris.child(base, Long.toString(version));
    return Map.of(Pusher.PUSHED_MODEL, props.with(PropertyNames.PUSHED, true)
        .with(PropertyNames.VERSION, version)
        .with(PropertyNames.DESTINATION, destination)
        .with(PropertyNames.REASON, blessed ? "blessed" : "not blessed, pushed because push_unblessed is set"));
  }

  private static boolean isRemote(String uri) {
    return ArtifactUris.localPath(uri).isEmpty();
  }

  /** The destination as given, without a trailing '/', once its scheme is known to have a file system. */
  private static String remoteBase(String destination) {
    PushUris.directory(destination, "Pusher destination");
    return destination.endsWith("/") ? destination.substring(0, destination.length() - 1) : destination;
  }

  /**
   * The blessing's {@code blessed} property. A BLESSED file alone is not a blessing: anyone can
   * create one, and it does not say which model it judged.
   */
  private static boolean isBlessed(ResolvedArtifact blessing) {
    if (!blessing.properties().has(PropertyNames.BLESSED)) {
      throw new InvalidInputException("Blessing " + blessing.uri() + " has no '" + PropertyNames.BLESSED
          + "' property: a BLESSED file alone is not a blessing; evaluate the model (beamline evaluate)"
          + " to bless it");
    }
    return blessing.properties().getBoolean(PropertyNames.BLESSED);
  }

  /**
   * Refuses a blessing made for another model: by content fingerprint where the blessing has one
   * (the same bytes wherever they were copied), else by the candidate model's URI.
   */
  private static void checkBlessingIsFor(ResolvedArtifact blessing, ResolvedArtifact model) {
    ArtifactProperties props = blessing.properties();
    if (props.has(PropertyNames.CANDIDATE_MODEL_FINGERPRINT)) {
      String blessed = props.getString(PropertyNames.CANDIDATE_MODEL_FINGERPRINT);
      String actual = ModelFingerprint.of(model.uri());
      if (!blessed.equals(actual)) {
        throw new InvalidInputException("Blessing " + blessing.uri() + " was made for another model ("
            + props.get(PropertyNames.CANDIDATE_MODEL_URI).orElse("unknown URI") + ", " + blessed
            + "), not for " + model.uri() + " (" + actual + "); refusing to push");
      }
    } else if (props.has(PropertyNames.CANDIDATE_MODEL_URI)) {
      String blessed = props.getString(PropertyNames.CANDIDATE_MODEL_URI);
      if (!sameLocation(blessed, model.uri())) {
        throw new InvalidInputException("Blessing " + blessing.uri() + " was made for model " + blessed
            + ", not for " + model.uri() + "; refusing to push");
      }
    } else {
      throw new InvalidInputException("Blessing " + blessing.uri() + " does not say which model it blesses"
          + " (no '" + PropertyNames.CANDIDATE_MODEL_FINGERPRINT + "' or '" + PropertyNames.CANDIDATE_MODEL_URI
          + "' property); refusing to push");
    }
  }

  private static boolean sameLocation(String a, String b) {
    Optional<Path> la = ArtifactUris.localPath(a);
    Optional<Path> lb = ArtifactUris.localPath(b);
    if (la.isPresent() && lb.isPresent()) {
      return la.get().equals(lb.get());
    }
    return trimSlash(a).equals(trimSlash(b));
  }

  private static String trimSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /** A destination is a place, not a path to be resolved: {@code ..} is refused rather than normalized. */
  private static void refuseParentSegments(String destination) {
    for (String segment : destination.split("[/\\\\]")) {
      if (segment.equals("..")) {
        throw new InvalidParameterException("Pusher destination '" + destination + "' has a '..' segment;"
            + " give the serving directory without '..'");
      }
    }
  }
}
