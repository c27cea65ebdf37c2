package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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

  @Test
  void aCommandLineStartingWithASubcommandBuildsOnlyThatOneAndEveryOtherBuildsAll() {
    List<String> all = BeamlineCli.SUBCOMMANDS.stream().map(BeamlineCli::commandName).toList();
    assertEquals(all, List.copyOf(BeamlineCli.commandLine().getSubcommands().keySet()));
    assertEquals(List.of("stats"), List.copyOf(BeamlineCli.commandLine("stats", "--input", "x.csv").getSubcommands().keySet()));
    assertEquals(List.of("kfp"), List.copyOf(BeamlineCli.commandLine("kfp", "compile").getSubcommands().keySet()));
    for (String[] args : List.of(new String[] {"stat"}, new String[] {"help", "stats"}, new String[] {"completion"},
        new String[] {"--help"}, new String[] {}, new String[] {"-h", "stats"})) {
      assertEquals(all, List.copyOf(BeamlineCli.commandLine(args).getSubcommands().keySet()), List.of(args).toString());
    }
    // those that describe the others build them in full, those that only list them do not
    for (String[] args : List.of(new String[] {"help", "stats"}, new String[] {"completion"}, new String[] {"-h", "stats"})) {
      assertTrue(options(BeamlineCli.commandLine(args), "stats").contains("--input"), List.of(args).toString());
    }
    for (String[] args : List.of(new String[] {"stat"}, new String[] {"--help"}, new String[] {})) {
      assertEquals(List.of(), options(BeamlineCli.commandLine(args), "stats"), List.of(args).toString());
    }
    CliRunner.Result typo = CliRunner.run("stat", "--input", "x.csv");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("Did you mean") && typo.err().contains("stats"), typo.err());
    String help = CliRunner.run("--help").out();
    for (String command : all) {
      assertTrue(help.contains("\n  " + command + " ") || help.contains("\n  " + command + "\n"), command + ": " + help);
    }
  }

  @Test
  void theListingOfSubcommandsReadsAsTheFullModelsDoes() {
    String listed = BeamlineCli.commandLine("--help").getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertEquals(BeamlineCli.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF), listed);
    assertTrue(listed.contains("Commands:") && listed.contains("\n  evaluate "), listed);
    CliRunner.Result none = CliRunner.run();
    assertEquals(2, none.code());
    assertTrue(none.err().contains("Missing required subcommand") && none.err().contains("\n  stats "), none.err());
  }

  private static List<String> options(CommandLine cli, String command) {
    return cli.getSubcommands().get(command).getCommandSpec().options().stream().map(CommandLine.Model.OptionSpec::longestName).toList();
  }
}
