package io.beamline.cli;

import static io.beamline.orchestrator.TestComponents.countLines;
import static io.beamline.orchestrator.TestComponents.writeText;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.BlockedRun;
import io.beamline.orchestrator.DeadRuns;
import io.beamline.orchestrator.LocalOrchestrator;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;
import io.beamline.orchestrator.PipelineRunResult;
import io.beamline.orchestrator.TestComponents.WriteParameters;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;

  private static CliRunner.Result run(String... args) {
    return CliRunner.run(args);
  }

  private PipelineRunResult runPipeline(Path home) {
    BeamlineHome h = new BeamlineHome(home);
    try (MetadataStore store = h.openStore()) {
      var write = Node.of(writeText()).withParameters(new WriteParameters(List.of("a", "b", "c")));
      var count = Node.of(countLines()).withInput("text", write.output("text"));
      return LocalOrchestrator.using(store, h.artifactRoot()).run(Pipeline.of("cli_test", write, count));
    }
  }

  @Test
  void readOnlyCommandsOnAnEmptyHomeSaySoAndCreateNothing() {
    Path home = tmp.resolve("empty-home");
    CliRunner.Result runs = run("runs", "--home", home.toString());
    assertEquals(0, runs.code());
    assertTrue(runs.out().startsWith("No pipeline runs yet: there is no store at "), runs.out());
    assertEquals(0, run("artifacts", "--home", home.toString()).code());
    assertTrue(Files.notExists(home));
  }

  @Test
  void runsListsEachNodeWithItsState() {
    Path home = tmp.resolve("home");
    PipelineRunResult first = runPipeline(home);
    runPipeline(home);
    CliRunner.Result runs = run("runs", "--home", home.toString());
    assertEquals(0, runs.code());
    String[] lines = runs.out().split("\n");
    assertTrue(lines[0].startsWith("cli_test-") && lines[0].contains("  COMPLETE  started "), lines[0]);
    assertTrue(lines[1].trim().startsWith("WriteText") && lines[1].contains("CACHED"), lines[1]);
    assertTrue(lines[2].trim().startsWith("CountLines") && lines[2].contains("CACHED"), lines[2]);
    assertTrue(runs.out().contains(first.runName() + "  COMPLETE"), runs.out());
  }

  /** A demo killed with kill -9 mid-node is listed FAILED with the reason, not RUNNING for ever. */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void runsListsARunWhoseProcessWasKilledAsFailed() throws Exception {
    Path home = tmp.resolve("home");
    Files.createDirectories(home);
    BeamlineHome h = new BeamlineHome(home);
    BlockedRun child = BlockedRun.start(h.storeFile(), home.resolve("artifacts"), tmp);
    try {
      child.awaitInsideNode().kill();
    } finally {
      child.stop();
    }
    CliRunner.Result runs = run("runs", "--home", home.toString());
    assertEquals(0, runs.code(), runs.err());
    String[] lines = runs.out().split("\n");
    assertTrue(lines[0].startsWith(BlockedRun.PIPELINE + "-") && lines[0].contains("  FAILED  started "), runs.out());
    assertTrue(lines[1].trim().startsWith("Block") && lines[1].contains("FAILED")
        && lines[1].contains(DeadRuns.REASON + " (pid " + child.pid()), runs.out());
    assertTrue(runs.out().contains("  error: " + DeadRuns.REASON), runs.out());
    try (Stream<Path> staging = Files.walk(home.resolve("artifacts"))) {
      assertEquals(List.of(), staging.filter(p -> p.toString().endsWith(".staging")).toList());
    }
  }

  @Test
  void artifactsFiltersByTypeAndNamesTheProducer() {
    Path home = tmp.resolve("home");
    PipelineRunResult run = runPipeline(home);
    CliRunner.Result all = run("artifacts", "--home", home.toString());
    assertEquals(3, all.out().split("\n").length, all.out()); // header + 2 artifacts
    CliRunner.Result counts = run("artifacts", "--home", home.toString(), "--type", "LineCounts");
    String[] lines = counts.out().split("\n");
    assertEquals(2, lines.length, counts.out());
    long id = run.node("CountLines").output("counts").id();
    assertTrue(lines[1].matches(id + "\\s+LineCounts\\s+LIVE\\s+CountLines #" + run.node("CountLines").executionId()
        + "\\s+.*/cli_test/CountLines/counts/.*"), lines[1]);
  }

  @Test
  void lineageDrawsUpstreamAndDownstreamTrees() {
    Path home = tmp.resolve("home");
    PipelineRunResult run = runPipeline(home);
    long text = run.node("WriteText").output("text").id();
    long counts = run.node("CountLines").output("counts").id();

    CliRunner.Result up = run("lineage", String.valueOf(counts), "--home", home.toString());
    assertEquals(0, up.code(), up.err());
    List<String> lines = up.out().lines().toList();
    assertEquals("Upstream (what it was made from):", lines.get(0));
    assertTrue(lines.get(1).startsWith("artifact " + counts + " LineCounts  LIVE  "), lines.get(1));
    assertTrue(lines.get(2).startsWith("└── produced by CountLines (CountLines, execution "), lines.get(2));
    assertTrue(lines.get(3).startsWith("    └── artifact " + text + " Text [text]  LIVE"), lines.get(3));
    assertTrue(lines.get(4).startsWith("        └── produced by WriteText"), lines.get(4));

    CliRunner.Result down = run("lineage", String.valueOf(text), "--direction", "down", "--home", home.toString());
    List<String> downLines = down.out().lines().toList();
    assertEquals("Downstream (what was derived from it):", downLines.get(0));
    assertTrue(downLines.get(2).startsWith("└── read by CountLines"), downLines.get(2));
    assertTrue(downLines.get(3).startsWith("    └── artifact " + counts + " LineCounts [counts]"), downLines.get(3));

    CliRunner.Result hop = run("lineage", String.valueOf(counts), "--max-hops", "1", "--home", home.toString());
    assertEquals(3, hop.out().lines().count(), hop.out());
  }

  @Test
  void unknownArtifactAndBadUsageFailClearly() {
    Path home = tmp.resolve("home");
    runPipeline(home);
    CliRunner.Result missing = run("lineage", "999", "--home", home.toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().startsWith("beamline lineage: no artifact 999 in "), missing.err());
    CliRunner.Result bad = run("lineage", "--direction", "sideways", "1");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("sideways"), bad.err());
  }

  /** Every command that uses the store, on {@code home}; demo fails before it reads its data. */
  private List<List<String>> storeCommands(Path home) {
    return List.of(List.of("runs", "--home", home.toString()), List.of("artifacts", "--home", home.toString()),
        List.of("lineage", "1", "--home", home.toString()),
        List.of("demo", "--data", tmp.resolve("taxi.csv").toString(), "--home", home.toString()));
  }

  /** Exit 1 and one line on stderr: the command, then {@code start}; no stack trace. */
  private static void assertOneLineFailure(CliRunner.Result r, List<String> command, String start, String problem) {
    String name = "beamline " + command.get(0) + ": ";
    assertEquals(1, r.code(), command + "\n" + r.err());
    assertEquals(1, r.err().lines().count(), command + "\n" + r.err());
    assertTrue(r.err().startsWith(name + start), command + "\n" + r.err());
    assertTrue(r.err().contains(problem), command + "\n" + r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
  }

  private static List<String> tables(Path file) throws Exception {
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  @Test
  void aBadStoreIsOneLineNamingTheFileForEveryCommand() throws Exception {
    Path random = tmp.resolve("random");
    byte[] noise = new byte[16384];
    new Random(11).nextBytes(noise);
    Files.createDirectories(random);
    Files.write(random.resolve("metadata.sqlite"), noise);

    Path truncated = tmp.resolve("truncated");
    runPipeline(truncated);
    Path cut = truncated.resolve("metadata.sqlite");
    try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }

    Path directory = tmp.resolve("directory");
    Files.createDirectories(directory.resolve("metadata.sqlite"));

    for (Path home : List.of(random, truncated, directory)) {
      String problem = home == random ? "is not a SQLite database (file is not a database)"
          : home == truncated ? "truncated" : "is a directory, not a metadata store file";
      for (List<String> command : storeCommands(home)) {
        CliRunner.Result r = run(command.toArray(String[]::new));
        assertOneLineFailure(r, command, home.resolve("metadata.sqlite") + " ", problem);
      }
    }
    assertArrayEquals(noise, Files.readAllBytes(random.resolve("metadata.sqlite")));
  }

  @Test
  void readCommandsLeaveAnUnrelatedSqliteFileAsItWas() throws Exception {
    Path home = tmp.resolve("home");
    Path file = home.resolve("metadata.sqlite");
    Files.createDirectories(home);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE recipes (name TEXT)");
    }
    for (List<String> command : storeCommands(home).subList(0, 3)) {
      CliRunner.Result r = run(command.toArray(String[]::new));
      assertOneLineFailure(r, command, file + " ", "is not a Beamline metadata store (no schema_version table)");
      assertEquals(List.of("recipes"), tables(file), "after " + command);
    }
  }

  /**
   * Read-only for real even as root, where chmod stops nothing: another connection holds the
   * store's write lock throughout, so a command that wrote or migrated (or only took the write
   * lock, as opening for write does) would wait on it and fail; and the file must not change.
   * The permissions make it read-only for anyone else; ReadOnlyOpenTest in metadata runs a
   * reader as an unprivileged user against a directory it cannot write.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aReadOnlyHomeWithAValidStoreCanBeListed() throws Exception {
    Path home = tmp.resolve("home");
    PipelineRunResult run = runPipeline(home);
    Path file = home.resolve("metadata.sqlite");
    byte[] before = Files.readAllBytes(file);
    long counts = run.node("CountLines").output("counts").id();
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = writer.createStatement()) {
      s.execute("BEGIN IMMEDIATE"); // before the chmod, so that a non-root user can take it too
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-xr-xr-x"));
      CliRunner.Result runs = run("runs", "--home", home.toString());
      assertEquals(0, runs.code(), runs.err());
      assertTrue(runs.out().contains(run.runName() + "  COMPLETE"), runs.out());
      CliRunner.Result artifacts = run("artifacts", "--home", home.toString());
      assertEquals(0, artifacts.code(), artifacts.err());
      assertEquals(3, artifacts.out().lines().count(), artifacts.out());
      CliRunner.Result lineage = run("lineage", String.valueOf(counts), "--home", home.toString());
      assertEquals(0, lineage.code(), lineage.err());
      assertTrue(lineage.out().contains("produced by WriteText"), lineage.out());
      s.execute("ROLLBACK");
    } finally {
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void aHomeThatIsAFileSaysSo() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-home"), "notes");
    for (List<String> command : storeCommands(file)) {
      CliRunner.Result r = run(command.toArray(String[]::new));
      assertOneLineFailure(r, command, "Beamline home " + file + " (--home) is a file, not a directory", "");
    }
    assertEquals("notes", Files.readString(file));
  }

  @Test
  void negativeMaxHopsIsAUsageError() {
    Path home = tmp.resolve("home");
    PipelineRunResult run = runPipeline(home);
    long counts = run.node("CountLines").output("counts").id();
    CliRunner.Result r = run("lineage", String.valueOf(counts), "--max-hops", "-1", "--home", home.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("--max-hops must be 0 or more, not -1"), r.err());
    assertTrue(r.err().contains("Usage: beamline lineage"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void controlCharactersInPathsArePrintedEscaped() throws Exception {
    // ESC c resets a terminal; no '[' here, which Beam would read as a glob in the output paths.
    Path home = tmp.resolve("home\u001bcred");
    long counts = runPipeline(home).node("CountLines").output("counts").id();
    CliRunner.Result artifacts = run("artifacts", "--home", home.toString());
    assertEquals(0, artifacts.code(), artifacts.err());
    assertTrue(artifacts.out().contains("home\\x1bcred/"), artifacts.out());
    CliRunner.Result lineage = run("lineage", String.valueOf(counts), "--home", home.toString());
    assertEquals(0, lineage.code(), lineage.err());
    assertTrue(lineage.out().contains("home\\x1bcred/"), lineage.out());
    CliRunner.Result none = run("runs", "--home", tmp.resolve("empty\u001b]0;title\u0007").toString());
    assertTrue(none.out().contains("empty\\x1b]0;title\\x07/metadata.sqlite"), none.out());

    Path bad = tmp.resolve("bad\u001b[2J");
    Files.createDirectories(bad.resolve("metadata.sqlite"));
    CliRunner.Result error = run("runs", "--home", bad.toString());
    assertEquals(1, error.code());
    assertTrue(error.err().contains("bad\\x1b[2J/metadata.sqlite is a directory"), error.err());
    for (CliRunner.Result r : List.of(artifacts, lineage, none, error)) {
      assertFalse((r.out() + r.err()).contains("\u001b"), r.out() + r.err());
    }
  }

  @Test
  void helpListsTheCommands() {
    CliRunner.Result help = run("--help");
    assertEquals(0, help.code());
    for (String command : List.of("demo", "examplegen", "stats", "runs", "artifacts", "lineage")) {
      assertTrue(help.out().contains("  " + command + " "), help.out());
    }
  }

  /** Options a command does not name reach Beam, which refuses unknown ones: never silently dropped. */
  @Test
  void beamOptionsAreHandedToBeamAndAnUnknownOneIsAOneLineError() {
    String csv = Path.of("..", "examples", "data", "taxi", "data.csv").toAbsolutePath().normalize().toString();
    CliRunner.Result r = run("stats", "--input", csv, "--output", tmp.resolve("unknown-option").toString(),
        "--noSuchBeamOption=3");
    assertEquals(1, r.code(), r.out() + r.err());
    assertEquals("beamline stats: Beam options [--noSuchBeamOption=3]: Class interface"
        + " org.apache.beam.sdk.options.PipelineOptions missing a property named 'noSuchBeamOption'.\n", r.err());
    assertFalse(Files.exists(tmp.resolve("unknown-option")));
  }
}
