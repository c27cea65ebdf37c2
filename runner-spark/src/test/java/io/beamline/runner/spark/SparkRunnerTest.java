package io.beamline.runner.spark;

import io.beamline.cli.EmbeddedRunnerContract;
import java.util.List;

/** The runner contract on Beam's Spark runner: Spark embedded with two threads. */
class SparkRunnerTest extends EmbeddedRunnerContract {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=SparkRunner", "--sparkMaster=local[2]");
  }
}
