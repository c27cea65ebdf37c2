package io.beamline.pusher;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.component.ResolvedArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;

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

  /** The blessing's {@code blessed} property, or else its BLESSED / NOT_BLESSED file. */
  private static boolean isBlessed(ResolvedArtifact blessing) throws IOException {
    if (blessing.properties().has(PropertyNames.BLESSED)) {
      return blessing.properties().getBoolean(PropertyNames.BLESSED);
    }
    if (hasFile(blessing.uri(), "BLESSED")) {
      return true;
    }
    if (hasFile(blessing.uri(), "NOT_BLESSED")) {
      return false;
    }
    throw new InvalidInputException("Blessing " + blessing.uri()
        + " has neither a 'blessed' property nor a BLESSED or NOT_BLESSED file");
  }

  private static boolean hasFile(String dir, String name) throws IOException {
    Optional<Path> local = ArtifactUris.localPath(dir);
    if (local.isPresent()) {
      return Files.exists(local.get().resolve(name));
    }
    PushUris.directory(dir, "Blessing");
    return !FileSystems.match(ArtifactUris.matchSpec(ArtifactUris.child(dir, name)), EmptyMatchTreatment.ALLOW).metadata().isEmpty();
  }
}
