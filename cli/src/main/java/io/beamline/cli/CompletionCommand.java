package io.beamline.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code beamline completion}: the bash completion script picocli generates from the command
 * model itself, so it always knows every subcommand and option. zsh runs it through bashcompinit.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a bash/zsh completion script for beamline, generated from the commands and options.",
        "bash: source <(beamline completion)",
        "zsh:  autoload -U +X compinit && compinit; autoload -U +X bashcompinit && bashcompinit;"
            + " source <(beamline completion)"},
    footer = {"", "Example:", "  beamline completion > ~/.beamline-completion.bash"})
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // The script is generated from the root command, so it completes every subcommand and option.
    String script = AutoComplete.bash("beamline", spec.root().commandLine());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
