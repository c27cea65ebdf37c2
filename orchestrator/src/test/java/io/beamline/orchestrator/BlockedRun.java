package io.beamline.orchestrator;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.TestComponents.Block;
import io.beamline.orchestrator.TestComponents.BlockParameters;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline run in a child JVM that blocks inside its one node, so a test can kill a real process
 * mid-run ({@code destroyForcibly}: SIGKILL on Linux, no shutdown hook, no finally) or watch a live
 * one. Used by the cli module's tests too (test jar).
 */
public final class BlockedRun {
  public static final String PIPELINE = "blocked";

  private final Process process;
  private final Path marker;
  private final Path release;
  private final Path log;

  private BlockedRun(Process process, Path marker, Path release, Path log) {
    this.process = process;
    this.marker = marker;
    this.release = release;
    this.log = log;
  }

  /** In the child: runs the pipeline against the store URL and artifact root given. */
  public static void main(String[] args) {
    try (MetadataStore store = MetadataStore.open(args[0])) {
      PipelineRunResult result = LocalOrchestrator.using(store, ArtifactRoot.of(args[1]))
          .run(pipeline(Path.of(args[2]), Path.of(args[3])));
      System.exit(result.succeeded() ? 0 : 1);
    }
  }

  public static Pipeline pipeline(Path marker, Path release) {
    return Pipeline.of(PIPELINE, Node.of(new Block())
        .withParameters(new BlockParameters(marker.toString(), release.toString())));
  }

  /** Starts the child against the SQLite file {@code store}; see {@link #start(String, Path, Path)}. */
  public static BlockedRun start(Path store, Path artifacts, Path dir) throws IOException {
    return start("jdbc:sqlite:" + store.toAbsolutePath(), artifacts, dir);
  }

  /** Starts the child against the store at {@code storeUrl} and {@code artifacts}, files for it kept in {@code dir}. */
  public static BlockedRun start(String storeUrl, Path artifacts, Path dir) throws IOException {
    Path marker = dir.resolve("inside-node");
    Path release = dir.resolve("release");
    Path log = dir.resolve("child.log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // The JVM flags the tests run with (module opens), and a quick start on a loaded machine.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-Dfile.encoding"))
        .forEach(command::add);
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        BlockedRun.class.getName(), storeUrl, artifacts.toString(), marker.toString(), release.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new BlockedRun(process, marker, release, log);
  }

  /** Waits (generously: the machine may be loaded) until the child is inside the blocking node. */
  public BlockedRun awaitInsideNode() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(marker)) {
      if (!process.isAlive()) {
        fail("child exited with " + process.exitValue() + " before reaching the node:\n" + log());
      }
      if (System.nanoTime() > deadline) {
        fail("child did not reach the node within 60 s:\n" + log());
      }
      Thread.sleep(50);
    }
    return this;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL on Linux: the run gets no chance to record anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "killed child did not exit");
  }

  /** Lets the node finish; returns the child's exit code. */
  public int release() throws Exception {
    Files.writeString(release, "go");
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      fail("released child did not finish within 60 s:\n" + log());
    }
    return process.exitValue();
  }

  /** For finally blocks: never leave a child behind, whatever the test did. */
  public void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }
}
