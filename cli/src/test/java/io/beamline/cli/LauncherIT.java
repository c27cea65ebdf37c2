package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
}
