package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.LocalOrchestrator;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;
import io.beamline.orchestrator.PipelineRunResult;
import io.beamline.orchestrator.TestComponents;
import io.beamline.orchestrator.TestComponents.PoisonParameters;
import io.beamline.orchestrator.TestComponents.WriteParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beamline logs} prints what a step printed; {@code beamline ui} refuses to serve beyond loopback unguarded. */
class LogsAndUiCommandTest {
  @TempDir Path home;

  private PipelineRunResult run(String poison) {
    try (MetadataStore store = MetadataStore.openSqlite(home.resolve("metadata.sqlite"))) {
      var write = Node.of(TestComponents.writeText()).withParameters(new WriteParameters(List.of("x")));
      var count = Node.of(TestComponents.countLines()).withParameters(new PoisonParameters(poison))
          .withInput("text", write.output("text"));
      return LocalOrchestrator.using(store, ArtifactRoot.of(home.resolve("artifacts").toString()))
          .run(Pipeline.of("logs", write, count));
    }
  }

  @Test
  void logsPrintsAFailedStepsLogEndingWithItsError() throws Exception {
    Path poison = Files.writeString(home.resolve("poison"), "");
    PipelineRunResult failed = run(poison.toString());
    long id = failed.node("CountLines").executionId();
    CliRunner.Result r = CliRunner.run("logs", String.valueOf(id), "--home", home.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("beamline: node CountLines (CountLines) runs as execution " + id), r.out());
    assertTrue(r.out().contains("ERROR io.beamline.core.InvalidInputException: CountLines poisoned by " + poison), r.out());

    CliRunner.Result tail = CliRunner.run("logs", String.valueOf(id), "--tail", "1", "--home", home.toString());
    assertEquals(1, tail.out().lines().count(), tail.out());

    Files.delete(poison);
    PipelineRunResult resumed = run(poison.toString());
    CliRunner.Result cached = CliRunner.run("logs", String.valueOf(resumed.node("WriteText").executionId()),
        "--home", home.toString());
    assertEquals(1, cached.code());
    assertTrue(cached.err().contains("came from cache and ran nothing"), cached.err());
    CliRunner.Result missing = CliRunner.run("logs", "999", "--home", home.toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("no execution 999"), missing.err());
  }

  @Test
  void uiRefusesANonLoopbackAddressWithoutAToken() {
    CliRunner.Result r = CliRunner.run("ui", "--bind", "0.0.0.0", "--port", "0", "--home", home.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--bind 0.0.0.0 is not a loopback address") && r.err().contains("--token"), r.err());
  }
}
