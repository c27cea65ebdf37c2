package io.beamline.cli;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.Event;
import io.beamline.metadata.EventType;
import io.beamline.metadata.Execution;
import io.beamline.metadata.LineageGraph;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Draws a lineage graph as an indented tree from its start artifact. Upstream, each artifact's
 * children are the executions that produced it and their inputs; downstream, the executions that
 * read it and their outputs. A node already drawn is referenced, not drawn again: cache hits make
 * several executions share outputs, and repeating them would grow the tree without adding facts.
 */
final class LineageTree {
  private final LineageGraph graph;
  private final boolean upstream;
  private final StringBuilder out = new StringBuilder();
  private final Set<Long> drawnExecutions = new HashSet<>();

  private LineageTree(LineageGraph graph, boolean upstream) {
    this.graph = graph;
    this.upstream = upstream;
  }

  static String upstream(LineageGraph graph, Artifact start) {
    return new LineageTree(graph, true).draw(start);
  }

  static String downstream(LineageGraph graph, Artifact start) {
    return new LineageTree(graph, false).draw(start);
  }

  private String draw(Artifact start) {
    out.append(describe(start, null)).append('\n');
    artifactChildren(start, "");
    return out.toString();
  }

  private void artifactChildren(Artifact artifact, String indent) {
    List<Execution> executions = upstream ? graph.producersOf(artifact.id()) : graph.consumersOf(artifact.id());
    for (int i = 0; i < executions.size(); i++) {
      boolean last = i == executions.size() - 1;
      Execution e = executions.get(i);
      String verb = upstream ? "produced by " : "read by ";
      boolean seen = !drawnExecutions.add(e.id());
      line(indent, last, verb + TerminalText.escape(e.name()) + " (" + TerminalText.escape(e.type()) + ", execution "
          + e.id() + ", " + e.state() + ")"
          + (seen ? "  [shown above]" : ""));
      if (!seen) {
        executionChildren(e, indent + (last ? "    " : "│   "));
      }
    }
  }

  private void executionChildren(Execution execution, String indent) {
    EventType wanted = upstream ? EventType.INPUT : EventType.OUTPUT;
    List<Event> events = graph.events().stream()
        .filter(ev -> ev.executionId() == execution.id() && ev.type() == wanted).toList();
    for (int i = 0; i < events.size(); i++) {
      boolean last = i == events.size() - 1;
      Event ev = events.get(i);
      graph.artifact(ev.artifactId()).ifPresentOrElse(a -> {
        line(indent, last, describe(a, ev.key()));
        artifactChildren(a, indent + (last ? "    " : "│   "));
      }, () -> line(indent, last, "artifact " + ev.artifactId() + " [" + TerminalText.escape(ev.key())
          + "] (beyond the hop limit)"));
    }
  }

  private void line(String indent, boolean last, String text) {
    out.append(indent).append(last ? "└── " : "├── ").append(text).append('\n');
  }

  private static String describe(Artifact a, String key) {
    return "artifact " + a.id() + " " + TerminalText.escape(a.type())
        + (key == null ? "" : " [" + TerminalText.escape(key) + "]") + "  " + a.state()
        + "  " + TerminalText.escape(a.uri());
  }
}
