package io.beamline.cli;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.pusher.Pusher;
import io.beamline.pusher.PusherParameters;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code beamline push}: ship a blessed model to a versioned serving directory. */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = {"Copy a blessed model to DESTINATION/<version>/ as TF Serving expects. DESTINATION is a"
        + " local directory (the version appears by one atomic rename) or any Beam file system URI such as"
        + " gs:// or s3:// with its module on the classpath (staged, saved_model.pb copied last, so a version"
        + " is never loadable with files missing). A model that is not blessed is not pushed: that is a"
        + " result (exit 0), not an error."},
    footer = {"", "Example:", "  beamline push --model tr --blessing ev --destination serving --output pu"})
final class PushCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HomeOption home;
  @Mixin ForceOption force;

  @Option(names = "--model", required = true, paramLabel = "ARTIFACT",
      description = "The Model artifact." + ArtifactArgument.FORMS)
  String model;

  @Option(names = "--blessing", required = true, paramLabel = "ARTIFACT",
      description = "Its ModelBlessing artifact (e.g. the --output of evaluate), given as --model is.")
  String blessing;

  @Option(names = "--destination", required = true, paramLabel = "URI",
      description = "The serving base directory: a local path or a Beam file system URI.")
  String destination;

  @Option(names = "--push-unblessed", description = "Push even when the model is not blessed.")
  boolean pushUnblessed;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Where to write the PushedModel artifact (must not exist yet, unless --force).")
  String output;

  @Override
  public Integer call() {
    force.check(home, output, output);
    ArtifactArgument artifacts = new ArtifactArgument(home::resolve);
    ResolvedArtifact pushed = force.apply(ComponentRun.of(new Pusher()))
        .withParameters(PusherParameters.to(destination).withPushUnblessed(pushUnblessed))
        .withInput(Pusher.MODEL, artifacts.resolve("--model", model, ArtifactType.MODEL))
        .withInput(Pusher.BLESSING, artifacts.resolve("--blessing", blessing, ArtifactType.MODEL_BLESSING))
        .withOutput(Pusher.PUSHED_MODEL, output)
        .run()
        .output(Pusher.PUSHED_MODEL);
    Summaries.pushed(spec.commandLine().getOut(), pushed);
    return 0;
  }
}
