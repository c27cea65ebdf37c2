package io.beamline.cli;

import io.beamline.core.BeamlineException;
import io.beamline.metadata.MetadataStoreException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code beamline} command line. Each component subcommand is a thin shell over the same
 * {@link io.beamline.core.component.ComponentRun} a library user or pipeline node goes through.
 * Exit codes: 0 success, 1 failure (message on stderr), 2 bad usage, 3 anomalies found
 * ({@code validate --fail-on-anomalies}).
 */
@Command(name = "beamline", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "ML data validation and model evaluation pipelines on Apache Beam.",
    subcommands = {DemoCommand.class, ExampleGenCommand.class, StatsCommand.class, SchemaCommand.class,
        ValidateCommand.class, TrainCommand.class, EvaluateCommand.class, PushCommand.class, RunsCommand.class, ArtifactsCommand.class, LineageCommand.class,
        CommandLine.HelpCommand.class})
public final class BeamlineCli {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BeamlineCli());
    // Beam-based commands pass options they do not name (--flinkMaster=..., --sparkMaster=...) on
    // to Beam, which checks them against the runners on the classpath.
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getMixins().values().stream().anyMatch(m -> m instanceof BeamArgs)) {
        sub.setUnmatchedArgumentsAllowed(true);
        sub.setUnmatchedOptionsArePositionalParams(true);
      }
    }
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
      if (e instanceof BeamlineException || e instanceof MetadataStoreException) {
        // Expected failures, such as a store that is not one (not SQLite, truncated, a directory,
        // another schema): the message names the file and the problem; a stack trace would bury it.
        cmd.getErr().println(name + ": " + e.getMessage());
      } else {
        cmd.getErr().println(name + ": " + e);
        e.printStackTrace(cmd.getErr());
      }
      return 1;
    });
    return cli;
  }
}
