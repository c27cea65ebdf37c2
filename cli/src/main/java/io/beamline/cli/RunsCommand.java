package io.beamline.cli;

import io.beamline.metadata.Execution;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.DeadRuns;
import io.beamline.orchestrator.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beamline runs}: pipeline runs, newest first, with each node's execution. Runs whose
 * process ended without finishing are recorded FAILED first, when the store is writable.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
    description = "List pipeline runs with their state and duration, and each node's state.",
    footer = {"", "Example:", "  beamline runs --home /tmp/beamline-home"})
final class RunsCommand implements Callable<Integer> {
  @Mixin HomeOption home;
  @Spec CommandSpec spec;

  @Option(names = "--limit", defaultValue = "20", description = "Show at most this many runs (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BeamlineHome h = home.resolve();
    String noStore = "No pipeline runs yet: there is no store at " + TerminalText.escape(h.storeName()) + ".\n"
        + "Run `beamline demo` to run the example pipeline.";
    return h.query(out, noStore, store -> {
      failDeadRuns(h, store);
      List<RunSummary> runs = RunSummary.newest(store, limit);
      if (runs.isEmpty()) {
        out.println("No pipeline runs yet in " + TerminalText.escape(h.storeName()) + ".");
      }
      runs.forEach(run -> print(out, run));
      return 0;
    });
  }

  /**
   * Listing a crashed run as RUNNING would mislead, so dead runs are failed first ({@link DeadRuns}).
   * {@code runs} reads through a read-only store and must never create or migrate one, so this opens
   * the store for writing only when there is a dead run and the file and its directory (where SQLite
   * keeps its journal) are writable; the read-only open has already checked that the schema is this
   * version's, so the writable open has nothing to migrate. Any failure leaves the listing as it was:
   * the next run will recover them.
   */
  private static void failDeadRuns(BeamlineHome h, MetadataStore readOnly) {
    Path file = h.storeFile();
    try {
      if (DeadRuns.find(readOnly, DeadRuns.DEFAULT_LEASE).isEmpty() || !h.sharedStore()
          && (!Files.isWritable(file) || !Files.isWritable(file.toAbsolutePath().getParent()))) {
        return;
      }
      try (MetadataStore store = h.openStore()) {
        DeadRuns.recover(store, h.artifactRoot(), DeadRuns.DEFAULT_LEASE);
      }
    } catch (RuntimeException e) {
      // Skipped silently: listing the store is what was asked for.
    }
  }

  private static void print(PrintWriter out, RunSummary run) {
    out.printf("%s  %s  started %s  took %s%n", TerminalText.escape(run.name()), run.state(), Durations.when(run.start()),
        Durations.between(run.start(), run.end().orElse(null)));
    for (Execution e : run.executions()) {
      String note = e.errorMessage() != null ? e.errorMessage() : RunSummary.skipReason(e).orElse(null);
      out.printf("  %-24s %-9s execution %-5d %s%s%n", TerminalText.escape(e.name()), RunSummary.nodeState(e), e.id(),
          Durations.between(e.startTime(), e.endTime()),
          note == null ? "" : "  " + TerminalText.escape(firstLine(note)));
    }
    run.error().ifPresent(error -> out.println("  error: " + TerminalText.escape(firstLine(error))));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " ...";
  }

}
