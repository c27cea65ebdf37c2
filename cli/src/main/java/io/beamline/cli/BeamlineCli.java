package io.beamline.cli;

import io.beamline.core.BeamlineException;
import io.beamline.metadata.MetadataStoreException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code beamline} command line. Each component subcommand is a thin shell over the same
 * {@link io.beamline.core.component.ComponentRun} a library user or pipeline node goes through.
 * Exit codes: 0 success, 1 failure (message on stderr), 2 bad usage, 3 anomalies found
 * ({@code validate --fail-on-anomalies}).
 */
@Command(name = "beamline", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "ML data validation and model evaluation pipelines on Apache Beam.")
public final class BeamlineCli {
  /** The subcommands, in the order help lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(DemoCommand.class, ExampleGenCommand.class, StatsCommand.class,
      SchemaCommand.class, ValidateCommand.class, SkewCommand.class, TrainCommand.class, EvaluateCommand.class,
      PushCommand.class, RunsCommand.class, ArtifactsCommand.class, LineageCommand.class, GcCommand.class,
      LogsCommand.class, UiCommand.class, HistoryCommand.class, KfpCommand.class, CompletionCommand.class,
      CommandLine.HelpCommand.class);
  /** Subcommands that describe the others, so need them all. */
  private static final Set<String> DESCRIBE_ALL = Set.of("help", "completion");

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The whole command line, every subcommand in it. */
  static CommandLine commandLine() {
    return withSubcommands(SUBCOMMANDS);
  }

  /**
   * The command line for {@code args}. picocli builds its model of a command by reflecting over
   * every option of it and of its subcommands, which most invocations need not pay for all of
   * Beamline's: in a fresh JVM here, the whole model and its usage text took 0.33-0.39 s, the
   * listing below 0.18-0.25 s. When the arguments start with a subcommand's name, only that
   * subcommand is built. {@code help} and {@code completion} describe the others in full, so get
   * them all. Anything else ({@code --help}, no arguments, a mistyped command) only lists the
   * subcommands or suggests one, so gets each as its name and description alone ({@link #listing}).
   */
  static CommandLine commandLine(String... args) {
    String first = args.length > 0 ? args[0] : "";
    if (DESCRIBE_ALL.contains(first)) {
      return commandLine();
    }
    Optional<Class<?>> named = subcommandNamed(first);
    if (named.isPresent()) {
      return withSubcommands(List.of(named.get()));
    }
    // A subcommand named after a top-level option (`-h stats`) is parsed as one: build them all.
    boolean namesOne = Arrays.stream(args).anyMatch(a -> subcommandNamed(a).isPresent());
    return namesOne ? commandLine() : listing();
  }

  private static Optional<Class<?>> subcommandNamed(String name) {
    return SUBCOMMANDS.stream().filter(c -> commandName(c).equals(name)).findFirst();
  }

  /**
   * The command line with every subcommand as the name, aliases, header and description of its
   * {@code @Command} alone: what the top-level usage and picocli's suggestions read, the same text
   * as the full model gives. None of them can run (no subcommand name is among the arguments).
   */
  private static CommandLine listing() {
    CommandLine cli = new CommandLine(new BeamlineCli());
    for (Class<?> command : SUBCOMMANDS) {
      Command annotation = command.getAnnotation(Command.class);
      CommandSpec spec = CommandSpec.create().name(annotation.name()).aliases(annotation.aliases());
      spec.usageMessage().header(annotation.header()).description(annotation.description())
          .hidden(annotation.hidden());
      cli.addSubcommand(annotation.name(), spec);
    }
    return configured(cli);
  }

  private static CommandLine withSubcommands(List<Class<?>> commands) {
    CommandLine cli = new CommandLine(new BeamlineCli());
    for (Class<?> command : commands) {
      cli.addSubcommand(command);
    }
    // Beam-based commands pass options they do not name (--flinkMaster=..., --sparkMaster=...) on
    // to Beam, which checks them against the runners on the classpath.
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getMixins().values().stream().anyMatch(m -> m instanceof BeamArgs)) {
        sub.setUnmatchedArgumentsAllowed(true);
        sub.setUnmatchedOptionsArePositionalParams(true);
      }
    }
    return configured(cli);
  }

  /** How the command line runs a command and reports its failures and bad usage. */
  private static CommandLine configured(CommandLine cli) {
    cli.setExecutionStrategy(parsed -> {
      Integer help = CommandLine.executeHelpRequest(parsed);
      if (help != null) {
        return help;
      }
      // Artifact paths are read through Beam's FileSystems, which knows schemes other than file:
      // (gs://, s3://, whichever file systems are on the classpath) only once registered: do it once
      // here, so every command takes remote artifacts, not only those that build a pipeline.
      FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
      return new CommandLine.RunLast().execute(parsed);
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      String name = cmd.getCommandSpec().qualifiedName();
      PrintWriter err = cmd.getErr();
      if (e instanceof ArtifactArgument.Mismatch) {
        // An artifact option that names no artifact of its type: bad usage, with what is there.
        err.println(name + ": " + TerminalText.escapeLines(e.getMessage()));
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
      } else if (e instanceof MetadataStoreException) {
        // A store that is not one (not SQLite, truncated, a directory, another schema): the
        // message names the file and the problem, on one line; a stack trace would bury it.
        err.println(name + ": " + TerminalText.escape(e.getMessage()));
      } else if (e instanceof BeamlineException) {
        err.println(name + ": " + TerminalText.escapeLines(e.getMessage()));
      } else {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        err.println(name + ": " + TerminalText.escapeLines(String.valueOf(e)));
        err.print(TerminalText.escapeLines(trace.toString()));
      }
      err.flush();
      return 1;
    });
    cli.setParameterExceptionHandler(BeamlineCli::usageError);
    return cli;
  }

  /** picocli's own report of bad usage (exit 2), with the message escaped: it quotes what was typed. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getColorScheme().errorText(TerminalText.escapeLines(e.getMessage())));
    if (!UnmatchedArgumentException.printSuggestions(e, err)) {
      cmd.usage(err, cmd.getColorScheme());
    }
    err.flush();
    return cmd.getExitCodeExceptionMapper() != null ? cmd.getExitCodeExceptionMapper().getExitCode(e)
        : cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  static String commandName(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }
}
