package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./beamline} launcher script on the jars this build packaged, for tests. */
final class Launcher {
  private static final Path SCRIPT = Path.of("..", "beamline").toAbsolutePath().normalize();

  record Result(int code, String out) {}

  private Launcher() {}

  static Result run(Path home, String... args) throws Exception {
    return run(home, Map.of(), args);
  }

  /** Runs the launcher with extra environment variables (e.g. BEAMLINE_DRY_RUN, BEAMLINE_JAVA_OPTS). */
  static Result run(Path home, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("BEAMLINE_HOME", home.toString());
    // The jars were just packaged by this build; a source edited meanwhile must not start a nested build.
    pb.environment().put("BEAMLINE_SKIP_BUILD", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "launcher did not finish");
    return new Result(p.exitValue(), out);
  }
}
