package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, in process: the whole taxi pipeline through the orchestrator, twice. */
class DemoTest {
  @TempDir Path tmp;
  /**
   * A home whose path holds glob and regex characters: every path a user gives is a path, never a
   * pattern (Beam's match specs, the artifact listings, TensorFlow's SavedModel loader).
   */
  private Path home;

  @BeforeEach
  void oddHome() {
    home = tmp.resolve("home [1] {a} \\Q*?\\E");
  }
  private static final String DATA = Path.of("..", "examples", "data", "taxi", "big_tipper.csv").toString();
  private static final List<String> DATA_NODES = List.of("ExampleGen", "StatisticsGen", "SchemaGen", "ExampleValidator");

  private static boolean hasLine(CliRunner.Result r, String regex) {
    return r.out().lines().anyMatch(l -> l.matches(regex));
  }

  private List<Path> pushedVersions() throws Exception {
    try (Stream<Path> versions = Files.list(home.resolve("serving/chicago_taxi"))) {
      return versions.sorted().toList();
    }
  }

  @Test
  void demoRunsTheWholeChainAndTheSecondRunValidatesANewModelAgainstTheFirst() throws Exception {
    CliRunner.Result first = CliRunner.run("demo", "--home", home.toString(), "--data", DATA);
    assertEquals(0, first.code(), first.err());
    assertTrue(hasLine(first, "Run chicago_taxi-\\S+ COMPLETE in .*"), first.out());
    for (String node : List.of("ExampleGen", "StatisticsGen", "SchemaGen", "ExampleValidator", "Trainer",
        "Evaluator", "Pusher")) {
      assertTrue(hasLine(first, "  " + node + "\\s+COMPLETE .*"), node + ": " + first.out());
    }

    long examples = 0;
    Matcher m = Pattern.compile("^  (train|eval)\\s+([0-9,]+) examples$", Pattern.MULTILINE).matcher(first.out());
    while (m.find()) {
      examples += Long.parseLong(m.group(2).replace(",", ""));
    }
    assertEquals(15_002, examples, "every taxi row lands in exactly one split");
    Matcher page = Pattern.compile("^  train\\s+(/.+FeatureStats\\.html)$", Pattern.MULTILINE).matcher(first.out());
    assertTrue(page.find(), first.out());
    assertTrue(Files.readString(Path.of(page.group(1))).contains("trip_miles"));
    assertTrue(first.out().contains("  train    0 anomalies"), "the schema was inferred from train: " + first.out());

    Matcher auc = Pattern.compile("^  overall .* auc=([0-9.]+) ", Pattern.MULTILINE).matcher(first.out());
    assertTrue(auc.find(), first.out());
    assertTrue(Double.parseDouble(auc.group(1)) > 0.9, first.out());
    assertTrue(first.out().contains("worst slices by AUC:"), first.out());
    assertTrue(hasLine(first, "Blessing:   BLESSED  .*"), "no baseline yet: " + first.out());
    assertEquals(1, pushedVersions().size());
    assertTrue(Files.exists(pushedVersions().get(0).resolve("saved_model.pb")));

    assertTrue(first.out().contains("Dashboard: ./beamline ui --home '" + home + "'"), first.out());
    DashboardTour.walk(home);

    CliRunner.Result second = CliRunner.run("demo", "--home", home.toString(), "--data", DATA);
    assertEquals(0, second.code(), second.err());
    for (String node : DATA_NODES) {
      assertTrue(hasLine(second, "  " + node + "\\s+CACHED .*"), node + ": " + second.out());
    }
    assertTrue(hasLine(second, "  Trainer\\s+COMPLETE .*"), second.out());
    assertTrue(hasLine(second, "Blessing:   BLESSED against baseline model \\d+  .*"), second.out());
    assertEquals(2, pushedVersions().size());
  }

  @Test
  void demoWithoutItsDataSaysWhereItLooked() {
    CliRunner.Result r = CliRunner.run("demo", "--home", home.toString(), "--data", home.resolve("nope.csv").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("nope.csv"), r.err());
  }
}
