package io.beamline.pusher;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.component.ResolvedArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads the blessing, and pushes (or records why not). */
final class PusherExecutor implements Executor<PusherParameters> {
  static final String SERVING_DIR = "Format-Serving";
  private final VersionedCopy copy;

  PusherExecutor(VersionedCopy copy) {
    this.copy = copy;
  }

  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<PusherParameters> context) throws Exception {
    PusherParameters parameters = context.parameters();
    ResolvedArtifact model = context.input(Pusher.MODEL);
    ResolvedArtifact blessing = context.input(Pusher.BLESSING);
    if (parameters.destination().isBlank()) {
      throw new InvalidParameterException("Pusher needs a destination: the serving base directory");
    }
    Path base = ArtifactUris.localPath(parameters.destination()).orElseThrow(() -> new InvalidParameterException(
        "Pusher destination '" + parameters.destination() + "' is not a local path: only local (or file:)"
            + " destinations are supported, where an atomic rename is available"));
    boolean blessed = isBlessed(blessing);
    ArtifactProperties props = ArtifactProperties.empty()
        .with("base", base.toString())
        .with("model_id", model.id())
        .with("blessing_id", blessing.id());
    if (!blessed && !parameters.pushUnblessed()) {
      String why = blessing.properties().get("message").map(Object::toString).orElse("no message");
      return Map.of(Pusher.PUSHED_MODEL, props.with("pushed", false)
          .with("reason", "Model " + model.uri() + " is not blessed (" + why + "); not pushed"));
    }
    Path source = servingDir(model);
    long version;
    try {
      version = copy.copy(source, base);
    } catch (java.io.IOException e) {
      throw new io.beamline.core.BeamlineException("Pushing " + source + " to " + base + " failed: "
          + e.getMessage() + "; no version directory was created", e);
    }
    return Map.of(Pusher.PUSHED_MODEL, props.with("pushed", true)
        .with("version", version)
        .with("destination", base.resolve(Long.toString(version)).toString())
        .with("reason", blessed ? "blessed" : "not blessed, pushed because push_unblessed is set"));
  }

  /** The blessing's {@code blessed} property, or else its BLESSED / NOT_BLESSED file. */
  private static boolean isBlessed(ResolvedArtifact blessing) {
    if (blessing.properties().has("blessed")) {
      return blessing.properties().getBoolean("blessed");
    }
    Path dir = ArtifactUris.localPath(blessing.uri()).orElseThrow(() -> new InvalidInputException(
        "Blessing " + blessing.uri() + " has no 'blessed' property and is not local"));
    if (Files.exists(dir.resolve("BLESSED"))) {
      return true;
    }
    if (Files.exists(dir.resolve("NOT_BLESSED"))) {
      return false;
    }
    throw new InvalidInputException("Blessing " + blessing.uri()
        + " has neither a 'blessed' property nor a BLESSED or NOT_BLESSED file");
  }

  private static Path servingDir(ResolvedArtifact model) {
    Path dir = ArtifactUris.localPath(model.uri()).orElseThrow(() -> new InvalidInputException(
        "Model " + model.uri() + " is not local: only local models can be pushed"));
    Path serving = dir.resolve(SERVING_DIR);
    if (!Files.exists(serving.resolve("saved_model.pb"))) {
      throw new InvalidInputException("Model " + model.uri() + " has no " + SERVING_DIR
          + "/saved_model.pb: nothing to push");
    }
    return serving;
  }
}
