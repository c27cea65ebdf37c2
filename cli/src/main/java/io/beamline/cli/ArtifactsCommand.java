package io.beamline.cli;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Event;
import io.beamline.metadata.EventType;
import io.beamline.metadata.Execution;
import io.beamline.metadata.MetadataStore;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code beamline artifacts}: the artifacts in the store, with the node that produced each. */
@Command(name = "artifacts", mixinStandardHelpOptions = true,
    description = "List artifacts in the store: id, type, state, producing node and location.",
    footer = {"", "Example:", "  beamline artifacts --type Examples"})
final class ArtifactsCommand implements Callable<Integer> {
  @Mixin HomeOption home;
  @Spec CommandSpec spec;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only artifacts of this type, e.g. Examples.")
  String type;

  @Option(names = "--state", paramLabel = "STATE", description = "Only artifacts in this state: ${COMPLETION-CANDIDATES}.")
  ArtifactState state;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "Show the newest N (default: ${DEFAULT-VALUE}); 0 shows all.")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BeamlineHome h = home.resolve();
    return h.query(out, "No artifacts yet: there is no store at " + TerminalText.escape(h.storeName()) + ".", store -> {
      List<Artifact> artifacts = select(store);
      if (artifacts.isEmpty()) {
        out.println(type == null ? "No artifacts." : "No artifacts of type " + TerminalText.escape(type) + ".");
        return 0;
      }
      Map<Long, String> producers = producers(store, artifacts);
      out.printf("%-6s %-18s %-10s %-22s %s%n", "ID", "TYPE", "STATE", "PRODUCED BY", "URI");
      for (Artifact a : artifacts) {
        out.printf("%-6d %-18s %-10s %-22s %s%n", a.id(), TerminalText.escape(a.type()), a.state(),
            TerminalText.escape(producers.getOrDefault(a.id(), "-")), TerminalText.escape(a.uri()));
      }
      if (limit > 0 && artifacts.size() == limit) {
        out.println("(the newest " + limit + "; --limit 0 lists all)");
      }
      return 0;
    });
  }

  /**
   * Only the newest {@code limit} are read, so a listing of a store with 100,000 artifacts stays
   * quick; with a state, the artifacts in that state (by index), then the type and the limit.
   */
  private List<Artifact> select(MetadataStore store) {
    if (limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must be 0 or more, not " + limit);
    }
    List<Artifact> found;
    if (state != null) {
      found = store.getArtifactsByState(state).stream().filter(a -> type == null || a.type().equals(type)).toList();
      return limit == 0 ? found : found.subList(Math.max(0, found.size() - limit), found.size());
    }
    if (limit == 0) {
      return type == null ? store.getArtifacts() : store.getArtifactsByType(type);
    }
    return type == null ? store.getArtifacts(limit) : store.getArtifactsByType(type, limit);
  }

  /** The node and execution that first produced each artifact (later ones are cache hits). */
  private static Map<Long, String> producers(MetadataStore store, List<Artifact> artifacts) {
    List<Event> events = store.getEventsByArtifactIds(artifacts.stream().map(Artifact::id).toList());
    Map<Long, Long> firstProducer = new HashMap<>();
    for (Event e : events) {
      if (e.type() == EventType.OUTPUT) {
        firstProducer.merge(e.artifactId(), e.executionId(), Math::min);
      }
    }
    Map<Long, Execution> executions = new HashMap<>();
    store.getExecutions(firstProducer.values()).forEach(x -> executions.put(x.id(), x));
    Map<Long, String> names = new HashMap<>();
    firstProducer.forEach((artifact, exec) -> names.put(artifact, executions.get(exec).name() + " #" + exec));
    return names;
  }
}
