package io.beamline.pusher;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ResolvedArtifact;
import java.util.function.LongSupplier;

/**
 * Pushes a blessed model to {@code <destination>/<version>/saved_model.pb + variables/}, TF Serving's
 * layout. A model that is not blessed is not pushed, and that is a successful run: the PushedModel
 * artifact says {@code pushed=false} with the reason.
 *
 * <pre>{@code
 * ComponentResult r = ComponentRun.of(new Pusher())
 *     .withParameters(PusherParameters.to("/srv/models/taxi"))
 *     .withInput("model", ResolvedArtifact.at(ArtifactType.MODEL, modelDir))
 *     .withInput("blessing", ResolvedArtifact.at(ArtifactType.MODEL_BLESSING, blessingDir))
 *     .withOutput("pushed_model", outDir)
 *     .run();
 * }</pre>
 *
 * <p>Output properties: {@code pushed}, {@code reason}, {@code base}, and when pushed {@code version}
 * and {@code destination}. The version is the current Unix time in seconds, or one more than the
 * largest version present if that is larger. The destination and the model may be local paths or
 * any Beam file system URI (gs://, s3://, ... with that file system on the classpath). Locally the
 * version directory appears by one atomic rename; on an object store, which has no directories and
 * no atomic rename, saved_model.pb is published last after a staged copy, so a version is never
 * loadable with files missing (see {@code ObjectStoreCopy} for the exact guarantee).
 */
public final class Pusher implements Component<PusherParameters> {
  public static final String MODEL = "model";
  public static final String BLESSING = "blessing";
  public static final String PUSHED_MODEL = "pushed_model";

  private final LongSupplier clockSeconds;
  private final VersionedCopy.CopyHook localHook;

  public Pusher() {
    this(() -> System.currentTimeMillis() / 1000, copied -> { });
  }

  /** A pusher with its own clock, and a hook after each file of a local copy (tests fail a copy with it). */
  Pusher(LongSupplier clockSeconds, VersionedCopy.CopyHook localHook) {
    this.clockSeconds = clockSeconds;
    this.localHook = localHook;
  }

  @Override
  public ComponentSpec<PusherParameters> spec() {
    return ComponentSpec.named("Pusher", PusherParameters.defaults())
        .withInput(ChannelSpec.required(MODEL, ArtifactType.MODEL))
        .withInput(ChannelSpec.required(BLESSING, ArtifactType.MODEL_BLESSING))
        .withOutput(PUSHED_MODEL, ArtifactType.PUSHED_MODEL);
  }

  @Override
  public Executor<PusherParameters> executor() {
    return new PusherExecutor(new VersionedCopy(clockSeconds, localHook), new ObjectStoreCopy(clockSeconds));
  }

  /** A run with the model and its blessing bound; add parameters (the destination) and the output. */
  public static ComponentRun<PusherParameters> of(String modelUri, String blessingUri) {
    return ComponentRun.of(new Pusher())
        .withInput(MODEL, ResolvedArtifact.at(ArtifactType.MODEL, modelUri))
        .withInput(BLESSING, ResolvedArtifact.at(ArtifactType.MODEL_BLESSING, blessingUri));
  }

  /** Library shortcut: pushes the model, if its blessing says so, to {@code destination}. */
  public static ComponentResult run(String modelUri, String blessingUri, String destination, String outputUri) {
    return of(modelUri, blessingUri).withParameters(PusherParameters.to(destination))
        .withOutput(PUSHED_MODEL, outputUri).run();
  }
}
