package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./beamline} launcher script, after {@code package} has built the CLI jar.
 */
class LauncherIT {
  @TempDir Path home;

  private Launcher.Result launch(String... args) throws Exception {
    return Launcher.run(home, args);
  }

  @Test
  void helpExitsZeroAndListsCommands() throws Exception {
    Launcher.Result r = launch("--help");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().startsWith("Usage: beamline"), r.out());
    assertTrue(r.out().contains("lineage"), r.out());
  }

  @Test
  void runsOnAnEmptyHomeExitsZero() throws Exception {
    Launcher.Result r = launch("runs");
    assertEquals(0, r.code(), r.out());
    assertEquals("No pipeline runs yet: there is no store at " + home.resolve("metadata.sqlite") + ".\n"
        + "Run `beamline demo` to run the example pipeline.\n", r.out());
  }

  @Test
  void aShortJobRunsC1OnlyALongOneKeepsC2AndTheUsersFlagsWin() throws Exception {
    Path small = Files.writeString(home.resolve("small.csv"), "a,b\n1,2\n");
    Path big = home.resolve("big.tfrecord");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(100L << 20);  // sparse: 100 MiB as the launcher measures it, no disk used
    }
    List<String> shortJob = dryRun(Map.of(), "stats", "--input", small.toString(), "--output", "o");
    assertTrue(shortJob.contains("-XX:TieredStopAtLevel=1"), shortJob.toString());
    assertTrue(shortJob.contains("-XX:+UseSerialGC"), shortJob.toString());

    // 100 MiB is small for statistics (parsing) and for scoring, but large for training a model.
    assertTrue(dryRun(Map.of(), "stats", "--examples", big.toString(), "--output", "o")
        .contains("-XX:TieredStopAtLevel=1"));
    assertTrue(dryRun(Map.of(), "evaluate", "--examples=" + big, "--model", "m").contains("-XX:TieredStopAtLevel=1"));
    List<String> longJob = dryRun(Map.of(), "train", "--examples=" + big, "--output", "o");
    assertFalse(longJob.contains("-XX:TieredStopAtLevel=1"), longJob.toString());
    assertFalse(longJob.contains("-XX:+UseSerialGC"), longJob.toString());

    // a skew join reads both sides: 2 x 600 MiB is past the data commands' 1 GiB
    Path huge = home.resolve("huge.tfrecord");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(600L << 20);
    }
    assertFalse(dryRun(Map.of(), "evaluate", "--examples", huge.toString(), "--model", "m")
        .contains("-XX:TieredStopAtLevel=1"));
    assertTrue(dryRun(Map.of(), "skew", "--training-examples", big.toString(), "--serving-examples", big.toString(),
        "--id", "id", "--output", "o").contains("-XX:TieredStopAtLevel=1"));
    assertFalse(dryRun(Map.of(), "skew", "--training-examples", huge.toString(), "--serving-examples=" + huge,
        "--id", "id", "--output", "o").contains("-XX:TieredStopAtLevel=1"));

    List<String> own = dryRun(Map.of("BEAMLINE_JAVA_OPTS", "-XX:+UseParallelGC"),
        "stats", "--input", small.toString(), "--output", "o");
    assertFalse(own.contains("-XX:TieredStopAtLevel=1"), own.toString());
    assertTrue(own.contains("-XX:+UseParallelGC"), own.toString());
  }

  @Test
  void aFlightRecordingRunsWithoutTheClassDataArchive() throws Exception {
    // The archive as the launcher finds it after a build (a dry run only names it). A missing or stale
    // one (the launcher would delete it) is stood in for by an empty file, removed afterwards.
    Path jsa = Path.of("target", "beamline-cli.jsa").toAbsolutePath();
    boolean made = !Files.exists(jsa) || olderThanTheJars(jsa);
    if (made) {
      Files.writeString(jsa, "");
    }
    try {
      Path small = Files.writeString(home.resolve("small.csv"), "a,b\n1,2\n");
      List<String> plain = dryRun(Map.of(), "stats", "--input", small.toString(), "--output", "o");
      assertTrue(plain.contains("-XX:SharedArchiveFile=" + jsa), plain.toString());
      List<String> recorded = dryRun(Map.of("BEAMLINE_JAVA_OPTS", "-XX:StartFlightRecording=filename=r.jfr"),
          "stats", "--input", small.toString(), "--output", "o");
      assertFalse(recorded.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile")), recorded.toString());
      assertTrue(recorded.contains("-XX:StartFlightRecording=filename=r.jfr"), recorded.toString());
    } finally {
      if (made) {
        Files.deleteIfExists(jsa);
      }
    }
  }

  private static boolean olderThanTheJars(Path jsa) throws Exception {
    long archived = Files.getLastModifiedTime(jsa).toMillis();
    try (var files = Files.walk(Path.of("target"))) {
      return files.filter(f -> f.toString().endsWith(".jar")).anyMatch(f -> f.toFile().lastModified() > archived);
    }
  }

  private List<String> dryRun(Map<String, String> env, String... args) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("BEAMLINE_DRY_RUN", "1");
    Launcher.Result r = Launcher.run(home, all, args);
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().startsWith("java "), r.out());
    return List.of(r.out().strip().split(" "));
  }
}
