package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs (not threads) write to one fresh SQLite file at the same time. */
class MultiProcessTest {
  private static final int PER_WRITER = 200;

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void twoProcessesWritingAtOnceBothSucceed() throws Exception {
    Path file = dir.resolve("shared.sqlite");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (String writer : List.of("w1", "w2")) {
      Path log = dir.resolve(writer + ".log");
      logs.add(log);
      processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          ConcurrentWriterMain.class.getName(), file.toString(), writer,
          String.valueOf(PER_WRITER))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }
    // Both JVMs are up and polling before the flag appears, so they race on the fresh file.
    Thread.sleep(1500);
    Files.createFile(Path.of(file + ".start"));
    for (int i = 0; i < processes.size(); i++) {
      Process p = processes.get(i);
      assertTrue(p.waitFor(4, TimeUnit.MINUTES), "writer " + i + " did not finish");
      assertEquals(0, p.exitValue(), "writer " + i + " failed:\n" + Files.readString(logs.get(i)));
    }

    try (MetadataStore store = MetadataStore.openSqlite(file)) {
      List<Execution> executions = store.getExecutionsByType("Trainer");
      assertEquals(2 * PER_WRITER, executions.size());
      for (String writer : List.of("w1", "w2")) {
        assertEquals(PER_WRITER, executions.stream().filter(e -> e.name().equals(writer)).count());
        Context node = store.getContext(ContextTypes.NODE, writer).orElseThrow();
        assertEquals(PER_WRITER, store.getExecutionsByContext(node.id()).size());
        assertEquals(PER_WRITER,
            store.getArtifactsByProperty("writer", Value.of(writer)).size());
      }
      List<Long> ids = executions.stream().map(Execution::id).toList();
      assertEquals(4 * PER_WRITER, store.getEventsByExecutionIds(ids).size());
      assertEquals(1, store.getContextsByType(ContextTypes.PIPELINE).size());
      assertEquals(4 * PER_WRITER, store.getArtifactsByContext(
          store.getContext(ContextTypes.PIPELINE, "shared").orElseThrow().id()).size());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      assertTrue(rs.next());
      assertEquals("ok", rs.getString(1));
    }
  }
}
