package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight JVMs (not threads) write to one fresh store at the same time, each recording 50
 * executions; afterwards everything is there once, in its final state. Throughput and retries go
 * to {@code target/many-writers-<store>.txt}, figures only: nothing is asserted on time.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class MultiProcessTest {
  private static final int WRITERS = 8;
  private static final int PER_WRITER = 50;
  private static final Pattern FIGURES =
      Pattern.compile("writes=(\\d+) millis=(\\d+) retries=(\\d+)");

  @Parameter StoreKind kind;
  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void eightProcessesWritingAtOnceLoseAndDuplicateNothing() throws Exception {
    String url = kind.newStoreUrl(dir);
    Path flag = dir.resolve("start");
    List<String> writers = new ArrayList<>();
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    try {
      for (int w = 1; w <= WRITERS; w++) {
        String writer = "w" + w;
        writers.add(writer);
        Path log = dir.resolve(writer + ".log");
        logs.add(log);
        processes.add(new ProcessBuilder(javaCommand(url, writer, flag))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start());
      }
      // The JVMs start up while we wait, then race on the fresh store: its tables, types and the
      // shared pipeline context are all created by whoever comes first.
      Thread.sleep(3000);
      Files.createFile(flag);
      long started = System.nanoTime();
      long writes = 0;
      long retries = 0;
      for (int i = 0; i < processes.size(); i++) {
        Process p = processes.get(i);
        assertTrue(p.waitFor(4, TimeUnit.MINUTES), "writer " + writers.get(i) + " did not finish");
        String log = Files.readString(logs.get(i));
        assertEquals(0, p.exitValue(), "writer " + writers.get(i) + " failed:\n" + log);
        Matcher m = FIGURES.matcher(log);
        assertTrue(m.find(), log);
        writes += Long.parseLong(m.group(1));
        retries += Long.parseLong(m.group(3));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Files.writeString(Path.of("target", "many-writers-" + kind.name().toLowerCase() + ".txt"),
          String.format("%s: %d processes x %d executions: %d write transactions in %.1f s"
              + " (%.0f/s, from the start flag to the last exit), %d retries%n", kind, WRITERS,
              PER_WRITER, writes, seconds, writes / seconds, retries));
    } finally {
      for (Process p : processes) {
        p.destroyForcibly();
      }
    }

    try (MetadataStore store = MetadataStore.open(url)) {
      List<Execution> executions = store.getExecutionsByType("Trainer");
      assertEquals(WRITERS * PER_WRITER, executions.size());
      assertTrue(executions.stream().allMatch(e -> e.state() == ExecutionState.COMPLETE));
      List<Artifact> models = store.getArtifactsByType("Model");
      assertEquals(WRITERS * PER_WRITER, models.size());
      assertTrue(models.stream().allMatch(a -> a.state() == ArtifactState.LIVE));
      assertEquals(WRITERS * PER_WRITER,
          new HashSet<>(models.stream().map(Artifact::uri).toList()).size(), "a model twice");
      for (String writer : writers) {
        assertEquals(PER_WRITER, executions.stream().filter(e -> e.name().equals(writer)).count());
        Context node = store.getContext(ContextTypes.NODE, writer).orElseThrow();
        assertEquals(PER_WRITER, store.getExecutionsByContext(node.id()).size());
        assertEquals(PER_WRITER,
            store.getArtifactsByProperty("writer", Value.of(writer)).size());
      }
      List<Long> ids = executions.stream().map(Execution::id).toList();
      assertEquals(2 * WRITERS * PER_WRITER, store.getEventsByExecutionIds(ids).size());
      assertEquals(1, store.getContextsByType(ContextTypes.PIPELINE).size());
      assertEquals(WRITERS * 5, store.getContextsByType(ContextTypes.PIPELINE_RUN).size());
      assertEquals(WRITERS, store.getContextsByType(ContextTypes.NODE).size());
      Context shared = store.getContext(ContextTypes.PIPELINE, "shared").orElseThrow();
      assertEquals(2 * WRITERS * PER_WRITER, store.getArtifactsByContext(shared.id()).size());
      assertEquals(WRITERS * PER_WRITER, store.getExecutionsByContext(shared.id()).size());
      assertEquals(1, store.getArtifactType("Model").stream().count());
    }
    try (Connection c = StoreKind.connect(url); Statement s = c.createStatement()) {
      assertEquals(List.of("1"), column(s, "SELECT COUNT(*) FROM type WHERE name = 'Trainer'"));
      if (kind == StoreKind.SQLITE) {
        assertEquals(List.of("ok"), column(s, "PRAGMA integrity_check"));
        assertEquals(List.of(), column(s, "PRAGMA foreign_key_check"));
      }
    }
  }

  private static List<String> column(Statement s, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<String> javaCommand(String url, String writer, Path flag) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-")).forEach(command::add);
    // Eight JVMs on a small machine: a small heap and a quick start.
    command.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), ConcurrentWriterMain.class.getName(), url, writer,
        String.valueOf(PER_WRITER), flag.toString()));
    return command;
  }
}
