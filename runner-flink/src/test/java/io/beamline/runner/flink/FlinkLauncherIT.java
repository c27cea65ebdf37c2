package io.beamline.runner.flink;

import io.beamline.cli.RunnerLauncherContract;
import java.util.List;

/** {@code ./beamline stats ... --runner=FlinkRunner}: the launcher adds this module's jars (an embedded Flink mini cluster). */
class FlinkLauncherIT extends RunnerLauncherContract {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
  }
}
