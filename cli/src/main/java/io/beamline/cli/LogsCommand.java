package io.beamline.cli;

import io.beamline.metadata.Execution;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.ExecutionLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code beamline logs EXECUTION_ID}: what a pipeline step printed, as the orchestrator kept it. */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = {"Print the log of a pipeline step (an execution, as `beamline runs` lists it): what the"
        + " component and Beam printed, warnings, errors. A log keeps its first 64 KB and last 192 KB."},
    footer = {"", "Example:", "  beamline logs 4 --tail 50"})
final class LogsCommand implements Callable<Integer> {
  @Mixin HomeOption home;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "EXECUTION_ID", description = "The execution id.")
  long executionId;

  @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.")
  Integer tail;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (executionId <= 0) {
      throw new ParameterException(spec.commandLine(), "EXECUTION_ID must be a positive execution id, not " + executionId);
    }
    if (tail != null && tail < 0) {
      throw new ParameterException(spec.commandLine(), "--tail must be 0 or more, not " + tail);
    }
    BeamlineHome h = home.resolve();
    Optional<MetadataStore> opened = h.openExistingStore();
    if (opened.isEmpty()) {
      err.println("beamline logs: there is no store at " + TerminalText.escape(h.storeFile()));
      return 1;
    }
    try (MetadataStore store = opened.get()) {
      Optional<Execution> execution = store.getExecution(executionId);
      if (execution.isEmpty()) {
        err.println("beamline logs: no execution " + executionId + " in " + TerminalText.escape(h.storeFile())
            + " (`beamline runs` lists them)");
        return 1;
      }
      Optional<Path> file = ExecutionLog.of(execution.get());
      if (file.isEmpty()) {
        err.println("beamline logs: execution " + executionId + " (" + TerminalText.escape(execution.get().name()) + ", "
            + execution.get().state() + ") has no log: "
            + (execution.get().customProperties().containsKey("cached_from_execution")
                ? "it came from cache and ran nothing" : "it ran outside a local artifact root, or before logs were kept"));
        return 1;
      }
      var lines = ExecutionLog.read(file.get()).lines().toList();
      int from = tail == null ? 0 : Math.max(0, lines.size() - tail);
      // Escaped: a log holds whatever the data made a component print, control sequences included.
      lines.subList(from, lines.size()).forEach(l -> out.println(TerminalText.escape(l)));
      return 0;
    }
  }
}
