package io.beamline.runner.flink;

import io.beamline.cli.EmbeddedRunnerContract;
import java.util.List;

/** The runner contract on Beam's Flink runner: an embedded Flink mini cluster with two slots. */
class FlinkRunnerTest extends EmbeddedRunnerContract {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
  }
}
