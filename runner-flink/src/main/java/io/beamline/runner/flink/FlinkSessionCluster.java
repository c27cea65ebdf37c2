package io.beamline.runner.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamline.core.LocalProcesses;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flink 1.19 session cluster on this machine: one JobManager and N TaskManagers, each its own JVM,
 * every address and port bound to 127.0.0.1. It is started from jars, not from a Flink
 * distribution ({@code flink-dist} is not needed): the JVMs run this module's runtime classpath
 * (flink-runtime, flink-clients, flink-rpc-akka-loader, flink-streaming-java, flink-java, Beam's
 * Flink runner) and a logging binding.
 *
 * <p>{@code start} writes {@code conf/config.yaml} (the file Flink 1.19 reads when no legacy
 * {@code flink-conf.yaml} is present) into the work directory with free ports picked now, starts the
 * JVMs with their output in {@code log/}, and returns once the REST API lists every TaskManager.
 * Submit to it with {@code --runner=FlinkRunner --flinkMaster=}{@link #masterAddress()}. {@link
 * #close()} stops every JVM (and a shutdown hook does so if the starting JVM exits first).
 *
 * <p>{@code runner-flink/flink-cluster.sh start|stop DIR} runs {@link #main} to do the same from a
 * shell, leaving the cluster running after the command returns.
 */
public final class FlinkSessionCluster implements AutoCloseable {
  /** JVM flags Beamline's own code needs on every TaskManager (Arrow, DataSketches on Java 17). */
  static final List<String> BEAMLINE_JVM_FLAGS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-modules=jdk.incubator.foreign", "-Dfile.encoding=UTF-8");
  /** What Flink's own start scripts open on Java 17 (its serializers reach into these packages). */
  static final List<String> FLINK_JVM_FLAGS = Stream.of("java.lang", "java.net", "java.io", "java.nio",
      "sun.nio.ch", "java.lang.reflect", "java.text", "java.time", "java.util", "java.util.concurrent",
      "java.util.concurrent.atomic", "java.util.concurrent.locks")
      .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").collect(Collectors.toUnmodifiableList());

  private static final String LOOPBACK = "127.0.0.1";
  private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path workDir;
  private final int restPort;
  private final int taskManagers;
  private String classpath;
  private int taskManagersStarted;
  private long jobManagerPid;
  private final LocalProcesses processes = new LocalProcesses("flink-session-cluster");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FlinkSessionCluster(Path workDir, int restPort, int taskManagers) {
    this.workDir = workDir;
    this.restPort = restPort;
    this.taskManagers = taskManagers;
  }

  /** Starts a cluster whose JVMs run the jars of this JVM's class path. */
  public static FlinkSessionCluster start(Path workDir, int taskManagers) {
    return start(workDir, taskManagers, LocalProcesses.jarsOf(System.getProperty("java.class.path")));
  }

  /**
   * Starts a JobManager and {@code taskManagers} TaskManagers (one slot each) on {@code classpath}
   * and waits until all are registered. The JVMs die with this one unless {@link #detach()}ed.
   */
  public static FlinkSessionCluster start(Path workDir, int taskManagers, List<Path> classpath) {
    if (taskManagers < 1) {
      throw new IllegalArgumentException("taskManagers must be at least 1, got " + taskManagers);
    }
    try {
      Path dir = workDir.toAbsolutePath().normalize();
      Path conf = Files.createDirectories(dir.resolve("conf"));
      Files.createDirectories(dir.resolve("log"));
      Files.createDirectories(dir.resolve("tmp"));
      int[] ports = LocalProcesses.freeLoopbackPorts(3);
      FlinkSessionCluster cluster = new FlinkSessionCluster(dir, ports[0], taskManagers);
      Files.writeString(conf.resolve("config.yaml"), config(dir, ports[0], ports[1], ports[2]));
      try {
        cluster.classpath = clusterClasspath(classpath, Files.createDirectories(dir.resolve("lib"))).stream()
            .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        cluster.launch("jobmanager", "GET_JM_RESOURCE_PARAMS",
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        for (int i = 1; i <= taskManagers; i++) {
          cluster.launchTaskManager();
        }
        cluster.processes.awaitRegistered("Flink TaskManagers", taskManagers, () -> cluster.taskManagerIds().size(),
            START_TIMEOUT, cluster::tails);
        return cluster;
      } catch (RuntimeException | IOException | InterruptedException e) {
        cluster.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the Flink cluster", e);
    }
  }

  /**
   * The class path the cluster's JVMs run: {@code classpath} without Beam's DirectRunner, and with
   * each snapshot jar replaced by a copy in {@code lib}. The DirectRunner stays out because a job
   * that ships Beam loads it child-first, and its service loader would then find the cluster's
   * DirectRunner registrar, built against the cluster's Beam ("DirectRegistrar$Runner not a
   * subtype"). A snapshot is rebuilt in place, and the cluster must keep the classes it started
   * with: a job compares its snapshots with these copies ({@link FlinkSubmission}) and ships those
   * that changed since.
   */
  static List<Path> clusterClasspath(List<Path> classpath, Path lib) throws IOException {
    List<Path> copied = new ArrayList<>();
    for (Path entry : classpath) {
      if (entry.getFileName().toString().startsWith("beam-runners-direct-java-")) {
        continue;
      }
      if (entry.getFileName().toString().contains("-SNAPSHOT") && Files.isRegularFile(entry)) {
        Path copy = lib.resolve(entry.getFileName());
        Files.copy(entry, copy, StandardCopyOption.REPLACE_EXISTING);
        copied.add(copy);
      } else {
        copied.add(entry);
      }
    }
    return copied;
  }

  static String config(Path dir, int restPort, int rpcPort, int blobPort) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("jobmanager.rpc.address", LOOPBACK);
    c.put("jobmanager.rpc.port", Integer.toString(rpcPort));
    c.put("jobmanager.bind-host", LOOPBACK);
    c.put("rest.address", LOOPBACK);
    c.put("rest.bind-address", LOOPBACK);
    c.put("rest.port", Integer.toString(restPort));
    c.put("blob.server.port", Integer.toString(blobPort));
    // TaskManagers: every port (rpc, data exchange, metrics query) is picked by the OS on 127.0.0.1,
    // so any number of them share this one file.
    c.put("taskmanager.host", LOOPBACK);
    c.put("taskmanager.bind-host", LOOPBACK);
    c.put("taskmanager.rpc.port", "0");
    c.put("taskmanager.data.port", "0");
    c.put("metrics.internal.query-service.port", "0");
    c.put("taskmanager.numberOfTaskSlots", "1");
    c.put("parallelism.default", "1");
    // Sizes for a small machine (2 TaskManagers and the JobManager fit in under 5 GiB): 2048m leaves
    // the task heap about 600 MiB; Beamline's Arrow buffers are direct memory (task off-heap).
    // Network memory is fixed at 256 MiB (8,192 buffers): ExampleGen's job graph has many shuffles
    // running at once, and Flink's default share (about 110 MiB here) ran out ("Insufficient number
    // of network buffers: required 512, but only 354 available").
    c.put("jobmanager.memory.process.size", "768m");
    c.put("taskmanager.memory.process.size", "2048m");
    c.put("taskmanager.memory.managed.size", "128m");
    c.put("taskmanager.memory.task.off-heap.size", "128m");
    c.put("taskmanager.memory.network.min", "256m");
    c.put("taskmanager.memory.network.max", "256m");
    c.put("io.tmp.dirs", dir.resolve("tmp").toString());
    c.put("web.tmpdir", dir.resolve("tmp").toString());
    c.put("blob.storage.directory", dir.resolve("tmp").toString());
    c.put("web.submit.enable", "false");
    // A TaskManager that dies is noticed after two failed heartbeats 5 s apart (Flink's defaults,
    // 10 s apart and a 50 s timeout, kept a lost one listed for up to a minute); 30 s without a
    // heartbeat still allows long pauses of a loaded machine.
    c.put("heartbeat.interval", "5000");
    c.put("heartbeat.timeout", "30000");
    // TensorFlow (on the cluster's class path: the pom's model runtime) and the protobuf its classes
    // run on, loaded by the TaskManager's own class loader, not each job's: a native library loads
    // once per process, and a second job loading its own copy took the TaskManager down.
    c.put("classloader.parent-first-patterns.additional", "org.tensorflow.;org.bytedeco.;com.google.protobuf.");
    StringBuilder out = new StringBuilder("# Written by io.beamline.runner.flink.FlinkSessionCluster\n");
    c.forEach((k, v) -> out.append(k).append(": ").append(yamlString(v)).append('\n'));
    return out.toString();
  }

  private static String yamlString(String v) {
    return v.matches("[A-Za-z0-9._/-]+") ? v : "'" + v.replace("'", "''") + "'";
  }

  /**
   * Starts a TaskManager for each one whose JVM has died (killed, crashed) and waits until the
   * JobManager lists the cluster's number of TaskManagers again, the new ones among them (the lost
   * ones are dropped once their heartbeats fail, about 10 s after they die).
   *
   * @return how many were started
   */
  public int replaceLostTaskManagers() throws IOException, InterruptedException {
    int lost = (int) processes.forgetExited().stream().filter(p -> p.pid() != jobManagerPid).count();
    if (lost == 0) {
      return 0;
    }
    List<String> before = taskManagerIds();
    for (int i = 0; i < lost; i++) {
      launchTaskManager();
    }
    processes.awaitRegistered("Flink TaskManagers (" + lost + " replaced)", taskManagers, () -> {
      List<String> now = taskManagerIds();
      return now.stream().filter(id -> !before.contains(id)).count() >= lost ? now.size() : 0;
    }, START_TIMEOUT, this::tails);
    return lost;
  }

  private void launchTaskManager() throws IOException, InterruptedException {
    launch("taskmanager-" + ++taskManagersStarted, "GET_TM_RESOURCE_PARAMS",
        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
  }

  /** Runs BashJavaUtils for the process's memory flags (as Flink's start scripts do), then the process. */
  private void launch(String name, String resourceParams, String mainClass) throws IOException, InterruptedException {
    String cp = classpath;
    Path conf = workDir.resolve("conf");
    Path paramsLog = workDir.resolve("log").resolve(name + ".resources.log");
    Process utils = new ProcessBuilder(LocalProcesses.javaCommand(), "-cp", cp, "org.apache.flink.runtime.util.bash.BashJavaUtils",
        resourceParams, "--configDir", conf.toString())
        .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(paramsLog.toFile()).start();
    if (!utils.waitFor(60, TimeUnit.SECONDS) || utils.exitValue() != 0) {
      utils.destroyForcibly();
      throw new IllegalStateException("BashJavaUtils " + resourceParams + " failed; see " + paramsLog + ":\n"
          + LocalProcesses.tail(paramsLog));
    }
    List<String> results = Files.readAllLines(paramsLog).stream().filter(l -> l.startsWith(RESULT_PREFIX))
        .map(l -> l.substring(RESULT_PREFIX.length()).trim()).collect(Collectors.toList());
    if (results.size() < 2) {
      throw new IllegalStateException("BashJavaUtils " + resourceParams + " printed no memory settings; see "
          + paramsLog + ":\n" + LocalProcesses.tail(paramsLog));
    }
    List<String> command = new ArrayList<>();
    command.add(LocalProcesses.javaCommand());
    command.addAll(Arrays.asList(results.get(0).split("\\s+")));
    command.addAll(FLINK_JVM_FLAGS);
    command.addAll(BEAMLINE_JVM_FLAGS);
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
    command.add("-Dlog.file=" + workDir.resolve("log").resolve(name + ".log"));
    command.add("-cp");
    command.add(cp);
    command.add(mainClass);
    command.add("--configDir");
    command.add(conf.toString());
    command.addAll(Arrays.asList(results.get(results.size() - 1).split("\\s+")));
    Path log = workDir.resolve("log").resolve(name + ".log");
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    processes.add(p);
    if (name.equals("jobmanager")) {
      jobManagerPid = p.pid();
    }
    Files.writeString(workDir.resolve("log").resolve(name + ".pid"), p.pid() + "\n");
  }

  /** {@code 127.0.0.1:PORT}, the REST address to pass as {@code --flinkMaster}. */
  public String masterAddress() {
    return LOOPBACK + ":" + restPort;
  }

  public Path workDir() {
    return workDir;
  }

  /** The registered TaskManagers' resource ids, from the REST API. */
  public List<String> taskManagerIds() throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (JsonNode tm : rest("/taskmanagers").path("taskmanagers")) {
      ids.add(tm.path("id").asText());
    }
    return ids;
  }

  /** GETs a path of Flink's REST API ({@code /jobs/overview}, {@code /jobs/<id>}, ...) as JSON. */
  public JsonNode rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + masterAddress() + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** The processes outlive this JVM from now on (the command line's {@code start}). */
  public void detach() {
    processes.detach();
  }

  /** Stops every JVM of the cluster: a polite stop first, then a forced one after a few seconds. */
  @Override
  public void close() {
    processes.close();
  }

  private String tails() {
    return LocalProcesses.logTails(workDir.resolve("log"), p -> p.toString().endsWith(".log") && !p.toString().endsWith(".resources.log"));
  }

  /**
   * {@code start DIR [TASKMANAGERS]}: starts a cluster in DIR on this JVM's class path, prints its
   * master address and leaves it running (the JVMs' pids are in DIR/log/*.pid; {@code
   * flink-cluster.sh stop DIR} stops them).
   */
  public static void main(String[] args) {
    if (args.length < 2 || !args[0].equals("start")) {
      System.err.println("usage: FlinkSessionCluster start DIR [TASKMANAGERS]");
      System.exit(2);
    }
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    try (FlinkSessionCluster cluster = start(Path.of(args[1]), n)) {
      Files.writeString(cluster.workDir().resolve("master"), cluster.masterAddress() + "\n");
      cluster.detach();
      System.out.println(cluster.masterAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
