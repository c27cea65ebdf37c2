package io.beamline.runner.flink;

import io.beamline.cli.RunnerContract;
import java.util.List;

/** The runner contract on Beam's Flink runner: an embedded Flink mini cluster with two slots. */
class FlinkRunnerTest extends RunnerContract {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
  }
}
