package io.beamline.ui;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.Event;
import io.beamline.metadata.EventType;
import io.beamline.metadata.Execution;
import io.beamline.metadata.LineageDirection;
import io.beamline.metadata.LineageGraph;
import io.beamline.metadata.LineageQuery;
import io.beamline.metadata.MetadataStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lineage from an artifact or an execution, up (where it came from), down (what was made from it)
 * or both, as a graph whose every node is a link to the same view from that node.
 */
final class LineageView {
  static final int DEFAULT_HOPS = 20;

  /** A node of the lineage graph: {@code kind} is {@code artifact} or {@code execution}. */
  record LineageNode(String kind, long id, String type, String name, String state) {}

  /** Artifact {@code artifact} was an input or output ({@code type}) of {@code execution} under {@code key}. */
  record LineageEdge(long artifact, long execution, String type, String key) {}

  record Lineage(String startKind, long startId, String direction, int hops, List<LineageNode> nodes,
      List<LineageEdge> edges) {}

  private LineageView() {}

  static LineageDirection direction(String given) {
    if (given == null) {
      return LineageDirection.UPSTREAM;
    }
    return switch (given.toLowerCase(Locale.ROOT)) {
      case "up", "upstream" -> LineageDirection.UPSTREAM;
      case "down", "downstream" -> LineageDirection.DOWNSTREAM;
      case "both" -> LineageDirection.BOTH;
      default -> throw new IllegalArgumentException("direction must be up, down or both, got '" + given + "'");
    };
  }

  static String name(LineageDirection d) {
    return switch (d) {
      case UPSTREAM -> "up";
      case DOWNSTREAM -> "down";
      case BOTH -> "both";
    };
  }

  static Lineage of(MetadataStore store, boolean artifact, long id, LineageDirection direction, int hops) {
    boolean exists = artifact ? store.getArtifact(id).isPresent() : store.getExecution(id).isPresent();
    if (!exists) {
      throw new Routes.NotFound("No " + (artifact ? "artifact " : "execution ") + id + " in this store");
    }
    LineageQuery q = (artifact ? LineageQuery.ofArtifact(id) : LineageQuery.ofExecution(id))
        .withDirection(direction).withMaxHops(hops);
    LineageGraph g = store.lineage(q);
    List<LineageNode> nodes = new ArrayList<>();
    for (Execution e : g.executions()) {
      nodes.add(new LineageNode("execution", e.id(), e.type(), e.name(), e.state().name()));
    }
    for (Artifact a : g.artifacts()) {
      nodes.add(new LineageNode("artifact", a.id(), a.type(), a.name(), a.state().name()));
    }
    List<LineageEdge> edges = new ArrayList<>();
    for (Event e : g.events()) {
      edges.add(new LineageEdge(e.artifactId(), e.executionId(), e.type().name(), e.key()));
    }
    return new Lineage(artifact ? "artifact" : "execution", id, name(direction), hops, nodes, edges);
  }

  static String html(Lineage l) {
    String startLabel = l.startKind() + " " + l.startId();
    StringBuilder h = new StringBuilder("<h1>Lineage of ").append(Html.esc(startLabel)).append("</h1>\n<p class=\"facts\">");
    for (String d : List.of("up", "down", "both")) {
      h.append(d.equals(l.direction()) ? "<b>" + d + "</b>"
          : Html.link(href(l.startKind(), l.startId(), d), d)).append(' ');
    }
    h.append("&middot; ").append(Html.link((l.startKind().equals("artifact") ? "/artifacts/" : "/executions/") + l.startId(),
        "open " + startLabel)).append(" &middot; ")
        .append(Html.link("/api/lineage/" + (l.startKind().equals("artifact") ? "" : "executions/") + l.startId()
            + "?direction=" + l.direction(), "JSON"))
        .append(" &middot; click a node to walk from it</p>\n");
    List<GraphSvg.Node> nodes = new ArrayList<>();
    for (LineageNode n : l.nodes()) {
      boolean isArtifact = n.kind().equals("artifact");
      String key = (isArtifact ? "a" : "e") + n.id();
      nodes.add(new GraphSvg.Node(key, isArtifact ? n.type() : RunsView.nz(n.name()),
          (isArtifact ? "artifact " : n.type() + " #") + n.id() + " " + n.state(),
          (isArtifact ? "artifact" : "step") + " s-" + n.state(), href(n.kind(), n.id(), l.direction()),
          n.kind().equals(l.startKind()) && n.id() == l.startId()));
    }
    List<GraphSvg.Edge> edges = new ArrayList<>();
    for (LineageEdge e : l.edges()) {
      edges.add(e.type().equals(EventType.OUTPUT.name())
          ? new GraphSvg.Edge("e" + e.execution(), "a" + e.artifact())
          : new GraphSvg.Edge("a" + e.artifact(), "e" + e.execution()));
    }
    h.append("<div class=\"dag\">").append(GraphSvg.render(nodes, edges, "lineage of " + startLabel)).append("</div>\n");
    h.append("<table class=\"lineage\"><tr><th>Node</th><th>Type</th><th>State</th><th>Details</th></tr>");
    for (LineageNode n : l.nodes()) {
      boolean isArtifact = n.kind().equals("artifact");
      h.append("<tr><td>").append(Html.link(href(n.kind(), n.id(), l.direction()), n.kind() + " " + n.id()
          + (isArtifact ? "" : " " + RunsView.nz(n.name())))).append("</td><td>").append(Html.esc(n.type()))
          .append("</td><td>").append(Html.state(n.state())).append("</td><td>")
          .append(Html.link((isArtifact ? "/artifacts/" : "/executions/") + n.id(), "open")).append("</td></tr>");
    }
    return h.append("</table>\n").toString();
  }

  static String href(String kind, long id, String direction) {
    return "/lineage/" + (kind.equals("artifact") ? "artifacts/" : "executions/") + id
        + Html.query(Map.of("direction", direction));
  }
}
