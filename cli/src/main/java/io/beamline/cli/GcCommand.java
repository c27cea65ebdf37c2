package io.beamline.cli;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.GarbageCollector;
import io.beamline.orchestrator.GcPlan;
import io.beamline.orchestrator.GcResult;
import io.beamline.orchestrator.RetentionPolicy;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code beamline gc}: deletes the artifacts of pipeline runs a retention policy no longer keeps
 * ({@link GarbageCollector}); {@code --dry-run} lists them and changes nothing.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
    description = {"Garbage-collect artifacts: the outputs of runs that --keep-last and --older-than no longer"
        + " keep become DELETED and their payloads under the home's artifacts/ are removed. Anything a kept"
        + " run, the latest blessing of a pipeline or a pushed model was made from stays (lineage decides);"
        + " a running run is always kept."},
    footer = {"", "Example:", "  beamline gc --keep-last 5 --older-than 30d --dry-run"})
final class GcCommand implements Callable<Integer> {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhdw])");

  @Mixin HomeOption home;
  @Spec CommandSpec spec;

  @Option(names = "--keep-last", paramLabel = "N", defaultValue = "0",
      description = "Keep the newest N runs of each pipeline.")
  int keepLast;

  @Option(names = "--older-than", paramLabel = "DURATION",
      description = "Collect only runs that started longer ago than this: 45m, 12h, 30d, 2w or ISO-8601 (P30D).")
  String olderThan;

  @Option(names = "--dry-run", description = "List what would be deleted; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    RetentionPolicy policy = policy();
    PrintWriter out = spec.commandLine().getOut();
    BeamlineHome h = home.resolve();
    if (dryRun) {
      return h.query(out, "Nothing to collect: there is no store at " + TerminalText.escape(h.storeName()) + ".",
          store -> {
            GcPlan plan = GarbageCollector.of(store, h.artifactRoot(), policy).plan();
            print(out, plan, "Would delete");
            return 0;
          });
    }
    try (MetadataStore store = h.openStore()) {
      GcResult result = GarbageCollector.of(store, h.artifactRoot(), policy).run();
      print(out, result.plan(), "Deleting");
      out.printf("Deleted %d artifacts; removed %d payloads.%n", result.deleted().size(), result.payloadsRemoved());
      for (String failure : result.failures()) {
        spec.commandLine().getErr().println("beamline gc: " + TerminalText.escape(failure));
      }
      return result.failures().isEmpty() ? 0 : 1;
    }
  }

  private RetentionPolicy policy() {
    Optional<Duration> age = Optional.ofNullable(olderThan).map(this::duration);
    try {
      return new RetentionPolicy(keepLast, age);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage()
          + " (--keep-last N, --older-than DURATION)");
    }
  }

  private Duration duration(String text) {
    Matcher m = SHORT_DURATION.matcher(text.strip());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--older-than " + TerminalText.escape(text)
          + ": expected a duration such as 45m, 12h, 30d, 2w or P30D");
    }
  }

  private static void print(PrintWriter out, GcPlan plan, String verb) {
    out.printf("Policy: %s. Runs kept: %d; collected: %d.%n", plan.policy(), plan.keptRuns().size(),
        plan.collectedRuns().size());
    list(out, verb + " " + plan.collect().size() + " artifacts:", plan.collect());
    list(out, "Left alone, payload outside the artifact root (" + plan.outsideRoot().size() + "):",
        plan.outsideRoot());
    list(out, "Payloads left by an interrupted collection (" + plan.leftovers().size() + "):", plan.leftovers());
  }

  private static void list(PrintWriter out, String title, List<Artifact> artifacts) {
    if (artifacts.isEmpty() && !title.startsWith("Would") && !title.startsWith("Deleting")) {
      return;
    }
    out.println(title);
    for (Artifact a : artifacts) {
      out.printf("  %-6d %-18s %-10s %s%n", a.id(), TerminalText.escape(a.type()), a.state(),
          TerminalText.escape(a.uri()));
    }
  }
}
