package io.beamline.runner.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.cli.RunnerContract;
import io.beamline.cli.WorkerLoss;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Spark standalone cluster: a Master and two Workers (one core each), each its own JVM on
 * 127.0.0.1, started once for the class from this module's {@code target/lib} (what {@code
 * spark-cluster.sh} runs). The taxi data's statistics and ExampleGen's splits submitted to it (the
 * driver is this JVM) equal the DirectRunner's, and both Workers run an executor of each job. Last,
 * a Worker is killed in the middle of a job ({@link WorkerLoss}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkStandaloneClusterTest extends RunnerContract {
  private static SparkStandaloneCluster cluster;
  private static List<String> runnerArgs;

  @BeforeAll
  static void startCluster() throws IOException {
    // The cluster runs Spark, Beam's Spark runner and Beam core (runner-spark's runtime jars, with
    // log4j 2 for logging) and the model runtime (TensorFlow: target/model-runtime); nothing of Beamline. Its logs stay in target/ for a failed run's reader.
    Path lib = Path.of("target", "lib").toAbsolutePath();
    assertTrue(Files.isDirectory(lib), lib + " is built by the process-classes phase");
    List<Path> clusterClasspath;
    try (Stream<Path> jars = Stream.concat(Files.list(lib), Files.list(lib.resolveSibling("model-runtime")))) {
      clusterClasspath = jars.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
    }
    Path dir = Path.of("target", "spark-standalone-cluster-test").toAbsolutePath();
    deleteTree(dir);
    long t0 = System.nanoTime();
    cluster = SparkStandaloneCluster.start(dir, 2, clusterClasspath);
    System.out.printf("Spark standalone cluster at %s: 2 Workers ALIVE after %.1f s%n",
        cluster.masterUrl(), (System.nanoTime() - t0) / 1e9);

    // No --filesToStage and no spark.* settings: SparkSubmission (found by BeamRuns.options) names
    // the files to stage and sets the application's settings for this loopback master.
    runnerArgs = List.of("--runner=SparkRunner", "--sparkMaster=" + cluster.masterUrl());
    System.setProperty("spark.extraListeners", ExecutorWork.class.getName());
  }

  @AfterAll
  static void stopCluster() {
    System.clearProperty("spark.extraListeners");
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected List<String> runnerArgs() {
    return runnerArgs;
  }

  /** The demo pipeline and the row check go through the {@code ./beamline} launcher, as a user submits. */
  @Override
  protected boolean submitsThroughLauncher() {
    return true;
  }

  @Override
  protected int clusterJobs() throws Exception {
    return appIds().size();
  }

  /**
   * The files a job ships are named, by JobStaging's rule, never scanned: Beamline's classes and
   * libraries and Beam's jars, none of Spark's or Scala's, not the DirectRunner; and the driver's
   * settings for a loopback master are set.
   */
  @Test
  void aRemoteMasterGetsAnExplicitStagingListAndDriverSettings() {
    List<String> completed = new SparkSubmission().complete(runnerArgs);
    List<String> staged = Arrays.asList(completed.get(completed.size() - 1).substring("--filesToStage=".length()).split(","));
    List<String> names = staged.stream().map(s -> Path.of(s).getFileName().toString()).collect(Collectors.toList());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("beam-sdks-java-core-")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("beam-runners-spark-3-")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("datasketches-java-")), names.toString());
    // Beamline's statistics classes: the module's build output in the reactor, its jar when installed
    assertTrue(staged.stream().anyMatch(s -> s.replace('\\', '/').contains("statsgen/target/"))
        || names.stream().anyMatch(n -> n.startsWith("beamline-statsgen-")), staged.toString());
    assertTrue(names.stream().noneMatch(n -> n.startsWith("spark-") || n.startsWith("scala-")
        || n.startsWith("beam-runners-direct-java-") || n.startsWith("slf4j-") || n.startsWith("sqlite-jdbc-")),
        names.toString());
    assertEquals("true", System.getProperty("spark.executor.userClassPathFirst"));
    assertEquals("127.0.0.1", System.getProperty("spark.driver.host"));
    assertEquals(List.of("--runner=SparkRunner", "--sparkMaster=local[2]"),
        new SparkSubmission().complete(List.of("--runner=SparkRunner", "--sparkMaster=local[2]")));
  }

  @Test
  void twoWorkersAreAliveOnLoopback() throws Exception {
    List<JsonNode> workers = cluster.aliveWorkers();
    assertEquals(2, workers.size(), workers.toString());
    assertTrue(cluster.masterUrl().startsWith("spark://127.0.0.1:"), cluster.masterUrl());
    for (JsonNode w : workers) {
      assertEquals("127.0.0.1", w.path("host").asText(), w.toString());
      assertTrue(w.path("webuiaddress").asText().startsWith("http://127.0.0.1:"), w.toString());
      assertEquals(1, w.path("cores").asInt(), w.toString());
    }
  }

  /**
   * A CSV big enough to be cut into parts (the taxi rows 35 times over, 67 MB: 17 parts of 4 MiB) is
   * read in parallel: the stage that reads and folds the parts ran tasks on both executors. The parts
   * are a source's splits, one task each, which Spark gives to whichever executor is free.
   */
  @Test
  void aBigCsvIsReadInPartsOnBothExecutors() throws Exception {
    Map<String, Long> parts = partsReadByEveryWorker(35, 2, new PartsRead() {
      @Override
      public void startJob() {
        ExecutorWork.clear();
      }

      @Override
      public Map<String, Long> perWorker() {
        return ExecutorWork.tasksRunBy("PartStatistics");
      }
    });
    assertEquals(2, parts.size(), parts.toString());
    parts.forEach((executor, n) -> assertTrue(n > 0, "executor " + executor + " read no CSV part: " + parts));
  }

  /**
   * kill -9 of a Worker (its executor goes with it: it watches its Worker) while the big CSV's
   * statistics are being read: Spark runs the lost executor's tasks again on the other one and the
   * job gives the DirectRunner's statistics, or it fails naming SparkRunner and the job with nothing
   * published; then the same job, on the one Worker left, completes with the same statistics.
   */
  @Test
  @Order(Integer.MAX_VALUE) // last: it takes a Worker away for good
  void aWorkerKilledMidJobLeavesTheStatisticsRightOrFailsClearly() throws Exception {
    Path big = taxiCsvRepeated(35);
    ExecutorWork.clear();
    WorkerLoss.Outcome outcome = WorkerLoss.statistics(big, tmp.resolve("loss"), runnerArgs, "SparkRunner",
        "beamline-worker-loss", () -> {
          long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
          while (!ExecutorWork.started("PartStatistics")) {
            assertTrue(System.nanoTime() < deadline, "no task read a CSV part within 3 minutes");
            Thread.sleep(50);
          }
          long pid = Long.parseLong(Files.readString(cluster.workDir().resolve("log/worker-2.pid")).trim());
          ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
          return "Worker 2 (pid " + pid + ")";
        }, () -> { });
    System.out.println("Worker loss: " + outcome);
  }

  private static Set<String> appIds() throws Exception {
    Set<String> ids = new HashSet<>();
    JsonNode state = cluster.masterState();
    for (String list : List.of("activeapps", "completedapps")) {
      for (JsonNode app : state.path(list)) {
        ids.add(app.path("id").asText());
      }
    }
    return ids;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
