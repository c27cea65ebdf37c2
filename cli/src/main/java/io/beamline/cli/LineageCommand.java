package io.beamline.cli;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.LineageDirection;
import io.beamline.metadata.LineageGraph;
import io.beamline.metadata.LineageQuery;
import io.beamline.metadata.MetadataStore;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code beamline lineage ID}: where an artifact came from and what was made from it. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
    description = {"Show the lineage of an artifact as a tree: the executions and artifacts it was made"
        + " from (up), what was derived from it (down), or both."},
    footer = {"", "Example:", "  beamline lineage 12 --direction up"})
final class LineageCommand implements Callable<Integer> {
  enum Direction { up, down, both }

  @Mixin HomeOption home;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ARTIFACT_ID", description = "The artifact id, as `beamline artifacts` lists it.")
  long artifactId;

  @Option(names = "--direction", defaultValue = "up",
      description = "up, down or both (default: ${DEFAULT-VALUE}).")
  Direction direction;

  @Option(names = "--max-hops", defaultValue = "20",
      description = "Follow at most this many artifact-execution edges (default: ${DEFAULT-VALUE}).")
  int maxHops;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Bad numbers are usage errors (exit 2), found before the store is opened.
    if (maxHops < 0) {
      throw new ParameterException(spec.commandLine(), "--max-hops must be 0 or more, not " + maxHops);
    }
    if (artifactId <= 0) {
      throw new ParameterException(spec.commandLine(), "ARTIFACT_ID must be a positive artifact id, not "
          + artifactId);
    }
    BeamlineHome h = home.resolve();
    Optional<MetadataStore> opened = h.openExistingStore();
    if (opened.isEmpty()) {
      err.println("beamline lineage: there is no store at " + TerminalText.escape(h.storeName()));
      return 1;
    }
    try (MetadataStore store = opened.get()) {
      Optional<Artifact> start = store.getArtifact(artifactId);
      if (start.isEmpty()) {
        err.println("beamline lineage: no artifact " + artifactId + " in " + TerminalText.escape(h.storeName())
            + "; `beamline artifacts` lists them");
        return 1;
      }
      if (direction != Direction.down) {
        LineageGraph up = store.lineage(LineageQuery.ofArtifact(artifactId)
            .withDirection(LineageDirection.UPSTREAM).withMaxHops(maxHops));
        out.println("Upstream (what it was made from):");
        out.print(LineageTree.upstream(up, start.get()));
      }
      if (direction != Direction.up) {
        LineageGraph down = store.lineage(LineageQuery.ofArtifact(artifactId)
            .withDirection(LineageDirection.DOWNSTREAM).withMaxHops(maxHops));
        if (direction == Direction.both) {
          out.println();
        }
        out.println("Downstream (what was derived from it):");
        out.print(LineageTree.downstream(down, start.get()));
      }
      out.flush();
    }
    return 0;
  }
}
