package io.beamline.runner.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a session cluster's JVMs run, from the class path they are started with. */
class ClusterClasspathTest {
  @TempDir Path tmp;

  /**
   * Snapshot jars run from copies in the cluster's own directory (a rebuild in place cannot change
   * them), release jars and directories where they are, and Beam's DirectRunner not at all.
   */
  @Test
  void snapshotsAreCopiedAndTheDirectRunnerLeftOut() throws Exception {
    Path snapshot = Files.write(tmp.resolve("beamline-io-1-SNAPSHOT.jar"), new byte[] {1, 2, 3});
    Path release = Files.write(tmp.resolve("datasketches-java-7.0.1.jar"), new byte[] {4});
    Path direct = Files.write(tmp.resolve("beam-runners-direct-java-2.62.0.jar"), new byte[] {5});
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    Path cluster = Files.createDirectories(tmp.resolve("cluster/lib"));

    List<Path> run = FlinkSessionCluster.clusterClasspath(List.of(snapshot, release, direct, classes), cluster);

    assertEquals(List.of(cluster.resolve("beamline-io-1-SNAPSHOT.jar"), release, classes), run);
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(run.get(0)));
    Files.write(snapshot, new byte[] {9}); // rebuilt: the cluster's copy keeps the bytes it started with
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(run.get(0)));
  }
}
