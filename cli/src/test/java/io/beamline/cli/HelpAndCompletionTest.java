package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --help} shows an example of each command; {@code completion} knows every subcommand. */
class HelpAndCompletionTest {
  static final List<String> COMPONENT_COMMANDS = List.of("examplegen", "stats", "schema", "validate", "train",
      "evaluate", "push", "skew");

  @Test
  void everyCommandsHelpEndsWithAnExampleOfIt() {
    for (String command : BeamlineCli.commandLine().getSubcommands().keySet()) {
      if (command.equals("help")) {
        continue;
      }
      CliRunner.Result r = CliRunner.run(command, "--help");
      assertEquals(0, r.code(), command + ": " + r.err());
      assertTrue(r.out().contains("\nExample:\n  beamline " + command + " "), command + ": " + r.out());
    }
  }

  @Test
  void componentCommandsOfferForceAndTakeArtifactsInEveryForm() {
    for (String command : COMPONENT_COMMANDS) {
      String help = CliRunner.run(command, "--help").out();
      assertTrue(help.contains("--force"), command + ": " + help);
      assertTrue(help.contains("--home"), command + ": " + help);
    }
  }

  @Test
  void completionIsABashScriptThatKnowsEverySubcommand() {
    CliRunner.Result r = CliRunner.run("completion");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("complete -F"), r.out());
    for (String command : BeamlineCli.commandLine().getSubcommands().keySet()) {
      assertTrue(r.out().contains(command), command);
    }
    assertTrue(r.out().contains("--examples") && r.out().contains("--force"), "options too");
  }
}
