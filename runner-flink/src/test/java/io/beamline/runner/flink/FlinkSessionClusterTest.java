package io.beamline.runner.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.cli.RunnerAgreement;
import io.beamline.cli.RunnerContract;
import io.beamline.cli.WorkerLoss;
import io.beamline.core.LocalProcesses;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Flink session cluster: a JobManager and two TaskManagers, each its own JVM on 127.0.0.1,
 * started once for the class from this module's {@code target/lib} and the command line's jars
 * (what {@code flink-cluster.sh} runs). The taxi data's statistics and ExampleGen's splits submitted to it equal the DirectRunner's,
 * and both TaskManagers process records of the job. Last, a TaskManager is killed in the middle of a
 * job ({@link WorkerLoss}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkSessionClusterTest extends RunnerContract {
  private static FlinkSessionCluster cluster;
  private static List<String> runnerArgs;

  @BeforeAll
  static void startCluster() throws IOException {
    // The cluster runs Flink, Beam's Flink runner and Beam core (runner-flink's runtime jars), the
    // model runtime (TensorFlow: target/model-runtime) and a logging binding, and the command line's
    // jars (Beamline as flink-cluster.sh installs it): a job submitted through ./beamline ships an
    // empty jar, one from this JVM (Beamline's classes as directories) ships Beamline and Beam.
    // Its logs stay in target/ for a failed run's reader.
    Path lib = Path.of("target", "lib").toAbsolutePath();
    assertTrue(Files.isDirectory(lib), lib + " is built by the process-classes phase");
    Path cliLib = Path.of("..", "cli", "target", "lib").toAbsolutePath().normalize();
    assertTrue(Files.isDirectory(cliLib), cliLib + " is built by the cli module's package phase");
    List<Path> clusterClasspath;
    try (Stream<Path> cli = Files.list(cliLib.getParent()); Stream<Path> cliJars = Files.list(cliLib);
        Stream<Path> jars = Stream.concat(Files.list(lib), Files.list(lib.resolveSibling("model-runtime")))) {
      clusterClasspath = Stream.of(cli.filter(p -> p.getFileName().toString().matches("beamline-cli-.*-cli\\.jar")),
              cliJars.filter(p -> p.toString().endsWith(".jar")).sorted(),
              jars.filter(p -> p.toString().endsWith(".jar")).sorted())
          .flatMap(x -> x).collect(Collectors.toList());
    }
    LocalProcesses.jarsOf(System.getProperty("java.class.path")).stream()
        .filter(p -> p.getFileName().toString().startsWith("slf4j-simple-")).findFirst()
        .ifPresent(clusterClasspath::add);
    Path dir = Path.of("target", "flink-session-cluster-test").toAbsolutePath();
    deleteTree(dir);
    long t0 = System.nanoTime();
    cluster = FlinkSessionCluster.start(dir, 2, clusterClasspath);
    System.out.printf("Flink session cluster at %s: 2 TaskManagers registered after %.1f s%n",
        cluster.masterAddress(), (System.nanoTime() - t0) / 1e9);

    // No --filesToStage: FlinkSubmission (found by BeamRuns.options) names the files to stage.
    runnerArgs = List.of("--runner=FlinkRunner", "--flinkMaster=" + cluster.masterAddress(), "--parallelism=2");
  }

  @AfterAll
  static void stopCluster() {
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
    return jobIds().size();
  }


  /**
   * The files a job ships are named, by JobStaging's rule, never scanned: Beamline's classes and
   * libraries and Beam's jars, none of Flink's, not the DirectRunner. A session cluster's job gets
   * the DataStream translation with object reuse unless told otherwise; an embedded one Beam's defaults.
   */
  @Test
  void aRemoteMasterGetsAnExplicitStagingList() {
    List<String> completed = new FlinkSubmission().complete(runnerArgs);
    List<String> staged = Arrays.asList(completed.get(completed.size() - 1).substring("--filesToStage=".length()).split(","));
    List<String> names = staged.stream().map(s -> Path.of(s).getFileName().toString()).collect(Collectors.toList());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("beam-sdks-java-core-")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("beam-runners-flink-")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("datasketches-java-")), names.toString());
    // Beamline's statistics classes: the module's build output in the reactor, its jar when installed
    assertTrue(staged.stream().anyMatch(s -> s.replace('\\', '/').contains("statsgen/target/"))
        || names.stream().anyMatch(n -> n.startsWith("beamline-statsgen-")), staged.toString());
    assertTrue(names.stream().noneMatch(n -> n.startsWith("flink-") || n.startsWith("beam-runners-direct-java-")
        || n.startsWith("slf4j-simple-") || n.startsWith("slf4j-api-") || n.startsWith("hadoop-client-")
        || n.startsWith("sqlite-jdbc-")), names.toString());
    assertTrue(completed.containsAll(FlinkSubmission.ENGINE_DEFAULTS), completed.toString());
    assertEquals(List.of("--runner=FlinkRunner", "--flinkMaster=[local]"),
        new FlinkSubmission().complete(List.of("--runner=FlinkRunner", "--flinkMaster=[local]")));
    List<String> given = new FlinkSubmission().complete(List.of("--runner=FlinkRunner", "--flinkMaster=h:1",
        "--objectReuse=false", "--filesToStage=x.jar"));
    assertEquals(List.of("--runner=FlinkRunner", "--flinkMaster=h:1", "--objectReuse=false", "--filesToStage=x.jar",
        "--useDataStreamForBatch=true"), given, "a setting given stays");
    assertEquals(List.of("--runner=SparkRunner"), new FlinkSubmission().complete(List.of("--runner=SparkRunner")));
  }

  /**
   * A command through {@code ./beamline}, whose every jar the cluster holds, uploads one empty jar
   * (the job's files in the JobManager's blob store: a few hundred bytes, against ~76 MB when
   * Beamline and Beam are shipped) and gives the DirectRunner's statistics.
   */
  @Test
  void aJobOfJarsTheClusterHoldsShipsAnEmptyJar() throws Exception {
    Set<String> before = jobIds();
    Path out = tmp.resolve("stats-held");
    runnerCommand(List.of("stats", "--input", taxiCsv().toString(), "--output", out.toString()));
    String job = newJob(before);
    long shipped;
    try (Stream<Path> files = Files.walk(cluster.workDir().resolve("tmp"))) {
      shipped = files.filter(p -> p.toString().contains("job_" + job) && Files.isRegularFile(p))
          .mapToLong(p -> p.toFile().length()).sum();
    }
    assertTrue(shipped > 0 && shipped < 4096, "job " + job + " shipped " + shipped + " bytes");
    RunnerAgreement.assertSameStatistics(csvStatistics("stats-held-direct", List.of()),
        StatisticsJson.read(out.resolve("Split-all").resolve("FeatureStats.json").toString()).whole());
  }

  @Test
  void twoTaskManagersAreRegisteredOnLoopback() throws Exception {
    assertEquals(2, cluster.taskManagerIds().size());
    assertTrue(cluster.masterAddress().startsWith("127.0.0.1:"), cluster.masterAddress());
    for (JsonNode tm : cluster.rest("/taskmanagers").path("taskmanagers")) {
      assertTrue(tm.path("path").asText().contains("@127.0.0.1:"), tm.toString());
    }
  }

  /**
   * A CSV big enough to be cut into parts (the taxi rows 35 times over, 67 MB: 17 parts of 4 MiB) is
   * read in parallel: the step that reads and folds the parts ran on both TaskManagers. The parts are
   * a source's splits, which Flink hands to each task as it asks for the next one.
   */
  @Test
  void aBigCsvIsReadInPartsOnBothTaskManagers() throws Exception {
    Map<String, Long> parts = partsReadByEveryWorker(35, 2, new PartsRead() {
      private Set<String> before;

      @Override
      public void startJob() throws Exception {
        before = jobIds();
      }

      // The parts are read in the step that computes their statistics (chained after the source):
      // a TaskManager that read a part sends its partial statistics on, one record.
      @Override
      public Map<String, Long> perWorker() throws Exception {
        Map<String, Long> written = recordsWrittenPerTaskManager(newJob(before), "PartStatistics");
        cluster.taskManagerIds().forEach(tm -> written.putIfAbsent(tm, 0L));
        return written;
      }
    });
    assertEquals(2, parts.size(), parts.toString());
    parts.forEach((tm, n) -> assertTrue(n > 0, "TaskManager " + tm + " read no CSV part: " + parts));
  }

  /**
   * kill -9 of a TaskManager while the big CSV's statistics are being read: the job fails naming
   * FlinkRunner and the job, or recovers (Flink's session cluster restarts no job by default, and
   * one TaskManager's single slot cannot run it at parallelism 2), with nothing published; once a
   * new TaskManager replaces the lost one the same job completes with the DirectRunner's statistics.
   */
  @Test
  @Order(Integer.MAX_VALUE) // last: it takes a TaskManager away (and puts a new one in its place)
  void aTaskManagerKilledMidJobFailsTheJobClearlyAndARerunCompletes() throws Exception {
    Path big = taxiCsvRepeated(80);
    Set<String> before = jobIds();
    WorkerLoss.Outcome outcome = WorkerLoss.statistics(big, tmp.resolve("loss"), runnerArgs, "FlinkRunner",
        "beamline-taskmanager-loss", () -> {
          String job = awaitRunning(before, "PartStatistics");
          long pid = Long.parseLong(Files.readString(cluster.workDir().resolve("log/taskmanager-2.pid")).trim());
          assertEquals("RUNNING", cluster.rest("/jobs/" + job).path("state").asText());
          ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
          return "TaskManager 2 (pid " + pid + ")";
        }, () -> assertEquals(1, cluster.replaceLostTaskManagers()));
    System.out.println("TaskManager loss: " + outcome);
  }

  /**
   * Waits until a job submitted since {@code before} has {@code step} on the cluster (its task
   * deploying or running); its id. Reading is fast (a second or two per TaskManager for this input
   * with the chained DataStream translation), so the REST API is polled every 20 ms, and a job that
   * finished before the step was seen fails the wait at once.
   */
  private static String awaitRunning(Set<String> before, String step) throws Exception {
    Set<String> live = Set.of("DEPLOYING", "INITIALIZING", "RUNNING");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      for (JsonNode job : cluster.rest("/jobs/overview").path("jobs")) {
        String id = job.path("jid").asText();
        if (before.contains(id)) {
          continue;
        }
        if ("FINISHED".equals(job.path("state").asText())) {
          throw new AssertionError("job " + id + " finished before its " + step + " step was seen running");
        }
        if (!"RUNNING".equals(job.path("state").asText())) {
          continue;
        }
        for (JsonNode vertex : cluster.rest("/jobs/" + id).path("vertices")) {
          if (vertex.path("name").asText().contains(step) && live.contains(vertex.path("status").asText())) {
            return id;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no job ran " + step + " within 3 minutes: " + cluster.rest("/jobs/overview"));
  }

  private static Set<String> jobIds() throws Exception {
    Set<String> ids = new java.util.HashSet<>();
    for (JsonNode job : cluster.rest("/jobs/overview").path("jobs")) {
      ids.add(job.path("jid").asText());
    }
    return ids;
  }

  /** The one job the cluster ran since {@code before}; it finished. */
  private static String newJob(Set<String> before) throws Exception {
    List<JsonNode> jobs = new ArrayList<>();
    for (JsonNode job : cluster.rest("/jobs/overview").path("jobs")) {
      if (!before.contains(job.path("jid").asText())) {
        jobs.add(job);
      }
    }
    assertEquals(1, jobs.size(), "jobs submitted: " + jobs);
    assertEquals("FINISHED", jobs.get(0).path("state").asText(), jobs.get(0).toString());
    return jobs.get(0).path("jid").asText();
  }

  /** Records written per TaskManager, summed over the job's vertices whose name contains {@code step}. */
  private static Map<String, Long> recordsWrittenPerTaskManager(String jobId, String step) throws Exception {
    Map<String, Long> written = new TreeMap<>();
    for (JsonNode vertex : cluster.rest("/jobs/" + jobId).path("vertices")) {
      if (!vertex.path("name").asText().contains(step)) {
        continue;
      }
      for (JsonNode tm : cluster.rest("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
          .path("taskmanagers")) {
        written.merge(tm.path("taskmanager-id").asText(), tm.path("metrics").path("write-records").asLong(), Long::sum);
      }
    }
    System.out.println("records written per TaskManager in job " + jobId + (step.isEmpty() ? "" : " by " + step)
        + ": " + written);
    return written;
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
