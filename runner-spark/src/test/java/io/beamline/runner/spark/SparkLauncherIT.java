package io.beamline.runner.spark;

import io.beamline.cli.RunnerLauncherContract;
import java.util.List;

/** {@code ./beamline stats ... --runner=SparkRunner}: the launcher adds this module's jars (Spark embedded). */
class SparkLauncherIT extends RunnerLauncherContract {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=SparkRunner", "--sparkMaster=local[2]");
  }
}
