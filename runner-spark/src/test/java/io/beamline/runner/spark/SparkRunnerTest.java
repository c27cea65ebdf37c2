package io.beamline.runner.spark;

import io.beamline.cli.RunnerContract;
import java.util.List;

/** The runner contract on Beam's Spark runner: Spark embedded with two threads. */
class SparkRunnerTest extends RunnerContract {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=SparkRunner", "--sparkMaster=local[2]");
  }
}
