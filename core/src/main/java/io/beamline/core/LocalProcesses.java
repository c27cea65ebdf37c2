package io.beamline.core;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JVMs of a local cluster (a Flink session cluster's JobManager and TaskManagers, a Spark
 * Master and Workers) that this process started and owns: they are stopped together on
 * {@link #close()} or when this JVM exits, unless {@link #detach() detached} (a start script's
 * cluster outlives it). Stopping is polite first, forced after 5 s, and reaches the processes'
 * own children (a Spark Worker's executors), the last started first.
 *
 * <p>Also the small helpers such a cluster needs: free loopback ports, this JVM's {@code java},
 * the jars of a class path, and the tails of its logs for an error message.
 */
public final class LocalProcesses implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  private final List<Process> processes = new ArrayList<>();
  private Thread shutdownHook;

  /** An empty group whose processes stop when this JVM exits. */
  public LocalProcesses(String name) {
    shutdownHook = new Thread(this::stopAll, name + "-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Owns {@code process} from now on. */
  public void add(Process process) {
    synchronized (processes) {
      processes.add(process);
    }
  }

  /** The owned processes that have already exited. */
  public List<Process> exited() {
    synchronized (processes) {
      return processes.stream().filter(p -> !p.isAlive()).collect(Collectors.toList());
    }
  }

  /**
   * Stops owning the processes that have exited, and returns them: a cluster that replaces a lost
   * member then waits for the rest ({@link #awaitRegistered}) without the lost one failing the wait.
   */
  public List<Process> forgetExited() {
    synchronized (processes) {
      List<Process> dead = exited();
      processes.removeAll(dead);
      return dead;
    }
  }

  /** How many of a cluster's members have registered so far; throws while the cluster cannot say. */
  @FunctionalInterface
  public interface Registered {
    int count() throws Exception;
  }

  /**
   * Waits until {@code registered} reaches {@code wanted}, polling every 250 ms: fails at once when
   * an owned process exits meanwhile, and after {@code timeout}, either way with the logs' tails.
   *
   * @param what the members, for the message ("Flink TaskManagers")
   * @param logs the logs to show when it fails
   */
  public void awaitRegistered(String what, int wanted, Registered registered, Duration timeout,
      Supplier<String> logs) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (System.nanoTime() < deadline) {
      List<Process> dead = exited();
      if (!dead.isEmpty()) {
        throw new IllegalStateException("a process exited (exit code " + dead.get(0).exitValue()
            + ") while waiting for " + wanted + " " + what + "; logs:\n" + logs.get());
      }
      try {
        seen = registered.count();
        if (seen >= wanted) {
          return;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception notUpYet) {
        // the cluster's endpoint is not up yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(wanted + " " + what + " did not register within " + timeout.toSeconds()
        + " s (saw " + seen + "); logs:\n" + logs.get());
  }

  /** The processes outlive this JVM from now on. */
  public void detach() {
    removeHook();
    synchronized (processes) {
      processes.clear();
    }
  }

  /** Stops every owned process and its children: politely, then forced after 5 s. */
  @Override
  public void close() {
    removeHook();
    stopAll();
  }

  private void removeHook() {
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running or ran
      }
      shutdownHook = null;
    }
  }

  private void stopAll() {
    List<Process> all;
    synchronized (processes) {
      all = new ArrayList<>(processes);
      processes.clear();
    }
    // Children are taken before their parents stop, so none is orphaned; then the processes, the
    // last started first (workers before their master, which then need not wait for them).
    List<ProcessHandle> handles = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).toHandle().descendants().forEach(handles::add);
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      handles.add(all.get(i).toHandle());
    }
    handles.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle h : handles) {
      awaitExit(h, deadline - System.nanoTime());
      if (h.isAlive()) {
        h.destroyForcibly();
        awaitExit(h, TimeUnit.SECONDS.toNanos(5));
      }
    }
  }

  private static void awaitExit(ProcessHandle h, long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      h.onExit().get(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception timedOut) {
      // still alive: the caller forces it
    }
  }

  /** {@code n} different free ports on 127.0.0.1. */
  public static int[] freeLoopbackPorts(int n) throws IOException {
    // Held open together so the n ports differ; a port could be taken before the cluster binds it,
    // which then fails its start with a clear bind error rather than a silent clash.
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  /** This JVM's {@code java} executable, for the processes it starts. */
  public static String javaCommand() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The jar files of a class path (directories of classes are left out: they are a job's own). */
  public static List<Path> jarsOf(String classpath) {
    return Arrays.stream(classpath.split(File.pathSeparator)).filter(s -> s.endsWith(".jar")).map(Path::of)
        .filter(Files::isRegularFile).collect(Collectors.toList());
  }

  /** The last 30 lines of each log in {@code logDir} that {@code which} accepts, for an error message. */
  public static String logTails(Path logDir, Predicate<Path> which) {
    try (Stream<Path> logs = Files.list(logDir)) {
      return logs.filter(which).sorted()
          .map(p -> "== " + p.getFileName() + "\n" + tail(p)).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(logs unreadable: " + e + ")";
    }
  }

  /** The last 30 lines of {@code file}. */
  public static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
