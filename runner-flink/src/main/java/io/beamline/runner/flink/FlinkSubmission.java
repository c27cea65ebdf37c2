package io.beamline.runner.flink;

import io.beamline.core.component.JobStaging;
import io.beamline.core.component.RemoteSubmission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Completes Beam options that submit to a Flink session cluster ({@code --runner=FlinkRunner
 * --flinkMaster=HOST:PORT}) with the files to stage when none are given: this JVM's class path by
 * {@link JobStaging}'s rule, against the jars this module's cluster runs ({@code cluster-jars.txt},
 * what {@code flink-cluster.sh} starts the JobManager and TaskManagers on), never Flink's own jars.
 * The embedded masters ({@code [local]}, {@code [auto]}, {@code [collection]}) need no staging.
 */
public final class FlinkSubmission implements RemoteSubmission {
  private static final Set<String> EMBEDDED = Set.of("[local]", "[auto]", "[collection]");

  @Override
  public List<String> complete(List<String> args) {
    String master = RemoteSubmission.value(args, "flinkMaster");
    if (!RemoteSubmission.runnerIs(args, "flink") || master == null || EMBEDDED.contains(master)
        || RemoteSubmission.value(args, "filesToStage") != null) {
      return args;
    }
    List<String> completed = new ArrayList<>(args);
    completed.add(JobStaging.option(JobStaging.filesToStage(JobStaging.classpath(),
        JobStaging.clusterJars(FlinkSubmission.class, "cluster-jars.txt"), name -> name.startsWith("flink-"))));
    return completed;
  }
}
