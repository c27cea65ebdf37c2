package io.beamline.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, in process: the taxi pipeline through the orchestrator, twice. */
class DemoTest {
  @TempDir Path home;
  private static final String DATA = Path.of("..", "examples", "data", "taxi", "data.csv").toString();

  @Test
  void demoRunsTheTaxiPipelineAndTheSecondRunComesFromCache() throws Exception {
    CliRunner.Result first = CliRunner.run("demo", "--home", home.toString(), "--data", DATA);
    assertEquals(0, first.code(), first.err());
    List<String> lines = first.out().lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.matches("Run chicago_taxi-\\S+ COMPLETE in .*")), first.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("  ExampleGen\\s+COMPLETE .*")), first.out());
    for (String node : List.of("StatisticsGen", "SchemaGen", "ExampleValidator")) {
      assertTrue(lines.stream().anyMatch(l -> l.matches("  " + node + "\\s+COMPLETE .*")), first.out());
    }
    Matcher schema = Pattern.compile("^Schema:\\s+(\\S+schema\\.pbtxt)$", Pattern.MULTILINE).matcher(first.out());
    assertTrue(schema.find(), first.out());
    assertTrue(Files.readString(Path.of(schema.group(1))).contains("name: \"payment_type\""));
    assertTrue(first.out().contains("  train    0 anomalies"), "the schema was inferred from train: " + first.out());

    long examples = 0;
    Matcher m = Pattern.compile("^  (train|eval)\\s+([0-9,]+) examples$", Pattern.MULTILINE).matcher(first.out());
    while (m.find()) {
      examples += Long.parseLong(m.group(2).replace(",", ""));
    }
    assertEquals(15_002, examples, "every taxi row lands in exactly one split");
    Matcher page = Pattern.compile("^  train\\s+(\\S+FeatureStats\\.html)$", Pattern.MULTILINE).matcher(first.out());
    assertTrue(page.find(), first.out());
    assertTrue(Files.readString(Path.of(page.group(1))).contains("trip_miles"));

    CliRunner.Result second = CliRunner.run("demo", "--home", home.toString(), "--data", DATA);
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().lines().anyMatch(l -> l.matches("  ExampleGen\\s+CACHED .*")), second.out());
    for (String node : List.of("StatisticsGen", "SchemaGen", "ExampleValidator")) {
      assertTrue(second.out().lines().anyMatch(l -> l.matches("  " + node + "\\s+CACHED .*")), second.out());
    }
  }

  @Test
  void demoWithoutItsDataSaysWhereItLooked() {
    CliRunner.Result r = CliRunner.run("demo", "--home", home.toString(), "--data", home.resolve("nope.csv").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("nope.csv"), r.err());
  }
}
