package io.beamline.core.component;

import java.util.List;
import java.util.Locale;

/**
 * What a runner module adds to Beam options that submit to a remote cluster: the files to stage
 * ({@link JobStaging}) and the engine's client settings. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.beamline.core.component.RemoteSubmission}) in the runner module on
 * the class path, and applied by {@link BeamRuns#options}, so the library, the command line and the
 * orchestrator submit alike. An option the user gave is never replaced.
 */
public interface RemoteSubmission {
  /**
   * {@code args} completed for a remote cluster of this runner; {@code args} themselves when they
   * run elsewhere (another runner, an embedded master).
   */
  List<String> complete(List<String> args);

  /** The value of {@code --name=value} in {@code args} (the last one given), or null. */
  static String value(List<String> args, String name) {
    String prefix = "--" + name + "=";
    String found = null;
    for (String a : args) {
      if (a.startsWith(prefix)) {
        found = a.substring(prefix.length());
      }
    }
    return found;
  }

  /** Whether {@code --runner=} names this runner ({@code FlinkRunner}, {@code flink}, any case). */
  static boolean runnerIs(List<String> args, String engine) {
    String runner = value(args, "runner");
    return runner != null && runner.toLowerCase(Locale.ROOT).startsWith(engine.toLowerCase(Locale.ROOT));
  }
}
