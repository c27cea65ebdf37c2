package io.beamline.cli;

import static io.beamline.orchestrator.TestComponents.countLines;
import static io.beamline.orchestrator.TestComponents.writeText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.LocalOrchestrator;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;
import io.beamline.orchestrator.PipelineRunResult;
import io.beamline.orchestrator.TestComponents.WriteParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
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

  @Test
  void helpListsTheCommands() {
    CliRunner.Result help = run("--help");
    assertEquals(0, help.code());
    for (String command : List.of("demo", "examplegen", "stats", "runs", "artifacts", "lineage")) {
      assertTrue(help.out().contains("  " + command + " "), help.out());
    }
  }
}
