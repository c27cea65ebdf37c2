package io.beamline.runner.spark;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark 3.5 standalone cluster on this machine: one Master and N Workers, each its own JVM, every
 * address and port bound to 127.0.0.1. It is started from jars, not from a Spark distribution: the
 * JVMs run this module's runtime classpath (spark-core, Beam's Spark runner, Beam core, log4j 2).
 *
 * <p>{@code start} makes a {@code spark-home} in the work directory (a {@code RELEASE} file and
 * {@code jars/} with links to the classpath's jars: a Worker builds its executors' class path from
 * there), writes {@code conf/spark-defaults.conf}, starts the JVMs with their output in {@code log/}
 * and returns once the Master's JSON page lists every Worker ALIVE. Submit to it with {@code
 * --runner=SparkRunner --sparkMaster=}{@link #masterUrl()}. {@link #close()} stops every JVM, the
 * executors the Workers launched included (and a shutdown hook does so if the starting JVM exits
 * first).
 *
 * <p>{@code runner-spark/spark-cluster.sh start|stop DIR} runs {@link #main} to do the same from a
 * shell, leaving the cluster running after the command returns.
 */
public final class SparkStandaloneCluster implements AutoCloseable {
  /**
   * What Spark's launcher adds on Java 17 ({@code --add-opens} of the packages its serializers and
   * off-heap memory reach into, {@code -Djdk.reflect.useDirectMethodHandle=false}): the Master and
   * Worker get them here as Spark's scripts would give them; Workers add them to executors
   * themselves.
   */
  static final List<String> SPARK_JVM_FLAGS = List.of(JavaModuleOptions.defaultModuleOptions().trim().split("\\s+"));

  static final String SCALA_VERSION = "2.12";
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path workDir;
  private final int masterPort;
  private final int webUiPort;
  private final int workers;
  private final LocalProcesses processes = new LocalProcesses("spark-standalone-cluster");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SparkStandaloneCluster(Path workDir, int masterPort, int webUiPort, int workers) {
    this.workDir = workDir;
    this.masterPort = masterPort;
    this.webUiPort = webUiPort;
    this.workers = workers;
  }

  /** Starts a cluster whose JVMs run the jars of this JVM's class path. */
  public static SparkStandaloneCluster start(Path workDir, int workers) {
    return start(workDir, workers, LocalProcesses.jarsOf(System.getProperty("java.class.path")));
  }

  /**
   * Starts a Master and {@code workers} Workers (one core, 1 GiB for executors each) on {@code
   * classpath} and waits until all are ALIVE. The JVMs die with this one unless {@link #detach()}ed.
   */
  public static SparkStandaloneCluster start(Path workDir, int workers, List<Path> classpath) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    try {
      Path dir = workDir.toAbsolutePath().normalize();
      Path conf = Files.createDirectories(dir.resolve("conf"));
      Files.createDirectories(dir.resolve("log"));
      Files.createDirectories(dir.resolve("tmp"));
      sparkHome(dir.resolve("spark-home"), classpath);
      Files.writeString(conf.resolve("spark-defaults.conf"), defaults(dir));
      int[] ports = LocalProcesses.freeLoopbackPorts(2);
      SparkStandaloneCluster cluster = new SparkStandaloneCluster(dir, ports[0], ports[1], workers);
      try {
        // Absolute: the JVMs run in the work directory.
        String cp = classpath.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        cluster.launch("master", cp, "org.apache.spark.deploy.master.Master", "--host", LOOPBACK,
            "--port", Integer.toString(ports[0]), "--webui-port", Integer.toString(ports[1]));
        for (int i = 1; i <= workers; i++) {
          Path work = Files.createDirectories(dir.resolve("work").resolve("worker-" + i));
          // Worker ports (RPC, web UI) are picked by the OS on 127.0.0.1, so any number of them fit.
          cluster.launch("worker-" + i, cp, "org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK,
              "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
              "--work-dir", work.toString(), cluster.masterUrl());
        }
        cluster.processes.awaitRegistered("ALIVE Spark Workers", workers, () -> cluster.aliveWorkers().size(),
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
      throw new IllegalStateException("interrupted while starting the Spark cluster", e);
    }
  }

  /**
   * The SPARK_HOME a Worker needs to launch executors: Spark's launcher takes a {@code RELEASE} file
   * as the sign of a distribution and then puts {@code jars/*} on the executor's class path.
   */
  static void sparkHome(Path home, List<Path> classpath) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    try (Stream<Path> old = Files.list(jars)) {
      for (Path p : old.collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
    Files.writeString(home.resolve("RELEASE"),
        "Spark (jars of Beamline's runner-spark, linked by " + SparkStandaloneCluster.class.getName() + ")\n");
    Set<String> names = new HashSet<>();
    for (Path jar : classpath) {
      if (jar.toString().endsWith(".jar") && names.add(jar.getFileName().toString())) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
      }
    }
  }

  static String defaults(Path dir) {
    Map<String, String> c = new LinkedHashMap<>();
    // The Master and Workers read this file (--properties-file); an application's settings are its own.
    c.put("spark.master.rest.enabled", "false");
    c.put("spark.ui.killEnabled", "false");
    c.put("spark.local.dir", dir.resolve("tmp").toString());
    // Executors' logs and fetched jars stay in work/ until the cluster's directory goes.
    c.put("spark.worker.cleanup.enabled", "false");
    StringBuilder out = new StringBuilder("# Written by io.beamline.runner.spark.SparkStandaloneCluster\n");
    c.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
    return out.toString();
  }

  private void launch(String name, String cp, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(LocalProcesses.javaCommand());
    command.add("-Xmx512m");
    command.addAll(SPARK_JVM_FLAGS);
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-cp");
    command.add(cp);
    command.add(mainClass);
    command.add("--properties-file");
    command.add(workDir.resolve("conf").resolve("spark-defaults.conf").toString());
    command.addAll(Arrays.asList(args));
    Path log = workDir.resolve("log").resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // SPARK_LOCAL_IP binds the web UIs and block managers (executors inherit it) to loopback;
    // SPARK_HOME and SPARK_SCALA_VERSION let a Worker find the jars of its executors.
    Map<String, String> env = pb.environment();
    env.put("SPARK_LOCAL_IP", LOOPBACK);
    env.put("SPARK_PUBLIC_DNS", LOOPBACK);
    env.put("SPARK_HOME", workDir.resolve("spark-home").toString());
    env.put("SPARK_SCALA_VERSION", SCALA_VERSION);
    env.put("SPARK_CONF_DIR", workDir.resolve("conf").toString());
    env.remove("SPARK_DIST_CLASSPATH");
    env.remove("SPARK_CLASSPATH");
    env.remove("HADOOP_CONF_DIR");
    env.remove("YARN_CONF_DIR");
    Process p = pb.start();
    processes.add(p);
    Files.writeString(workDir.resolve("log").resolve(name + ".pid"), p.pid() + "\n");
  }

  /** {@code spark://127.0.0.1:PORT}, the master URL to pass as {@code --sparkMaster}. */
  public String masterUrl() {
    return "spark://" + LOOPBACK + ":" + masterPort;
  }

  /** {@code http://127.0.0.1:PORT}, the Master's web UI (its state as JSON under {@code /json/}). */
  public String webUiUrl() {
    return "http://" + LOOPBACK + ":" + webUiPort;
  }

  public Path workDir() {
    return workDir;
  }

  /** The Workers the Master lists as ALIVE (id, host, webuiaddress, cores, coresused, ...). */
  public List<JsonNode> aliveWorkers() throws IOException, InterruptedException {
    List<JsonNode> alive = new ArrayList<>();
    for (JsonNode w : masterState().path("workers")) {
      if ("ALIVE".equals(w.path("state").asText())) {
        alive.add(w);
      }
    }
    return alive;
  }

  /** The Master's state: {@code workers}, {@code activeapps}, {@code completedapps}, ... */
  public JsonNode masterState() throws IOException, InterruptedException {
    return getJson(webUiUrl() + "/json/");
  }

  /** GETs a JSON page of the cluster's web UIs (the Master's, or a Worker's {@code webuiaddress}). */
  public JsonNode getJson(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** The processes outlive this JVM from now on (the command line's {@code start}). */
  public void detach() {
    processes.detach();
  }

  /** Stops every JVM of the cluster and the executors it launched: politely, then forced after 5 s. */
  @Override
  public void close() {
    processes.close();
  }

  private String tails() {
    return LocalProcesses.logTails(workDir.resolve("log"), p -> p.toString().endsWith(".log"));
  }

  /**
   * {@code start DIR [WORKERS]}: starts a cluster in DIR on this JVM's class path, prints its master
   * URL and leaves it running (the JVMs' pids are in DIR/log/*.pid; {@code spark-cluster.sh stop
   * DIR} stops them).
   */
  public static void main(String[] args) {
    if (args.length < 2 || !args[0].equals("start")) {
      System.err.println("usage: SparkStandaloneCluster start DIR [WORKERS]");
      System.exit(2);
    }
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    try (SparkStandaloneCluster cluster = start(Path.of(args[1]), n)) {
      Files.writeString(cluster.workDir().resolve("master"), cluster.masterUrl() + "\n");
      cluster.detach();
      System.out.println(cluster.masterUrl());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
