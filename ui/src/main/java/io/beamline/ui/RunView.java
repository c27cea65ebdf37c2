package io.beamline.ui;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.Context;
import io.beamline.metadata.Event;
import io.beamline.metadata.EventType;
import io.beamline.metadata.Execution;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.RunSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A run: its steps as a graph coloured by state, and the selected step's details and log. */
final class RunView {
  /** An edge: execution {@code from} made an artifact execution {@code to} read. */
  record Edge(long from, long to) {}

  record RunDetail(RunsView.RunRow run, List<ExecutionView.ExecutionDetail> nodes, List<Edge> edges) {}

  private RunView() {}

  static RunDetail detail(MetadataStore store, Context run) {
    RunSummary summary = RunSummary.of(store, run);
    List<Execution> executions = summary.executions();
    List<Event> events = store.getEventsByExecutionIds(executions.stream().map(Execution::id).toList());
    Map<Long, Artifact> artifacts = store.getArtifacts(events.stream().map(Event::artifactId).distinct().toList())
        .stream().collect(Collectors.toMap(Artifact::id, Function.identity()));
    Map<Long, List<Long>> producers = new HashMap<>();
    for (Event e : events) {
      if (e.type() == EventType.OUTPUT) {
        producers.computeIfAbsent(e.artifactId(), k -> new ArrayList<>()).add(e.executionId());
      }
    }
    Set<Edge> edges = new LinkedHashSet<>();
    for (Event e : events) {
      if (e.type() == EventType.INPUT) {
        producers.getOrDefault(e.artifactId(), List.of()).forEach(p -> edges.add(new Edge(p, e.executionId())));
      }
    }
    List<ExecutionView.ExecutionDetail> nodes = executions.stream()
        .map(x -> ExecutionView.detail(store, x, events, artifacts)).toList();
    return new RunDetail(RunsView.row(store, run), nodes, List.copyOf(edges));
  }

  /** "7 complete, 0 cached, 0 failed" (and running ones while there are any). */
  static String counts(Map<String, Integer> nodes) {
    StringBuilder b = new StringBuilder();
    for (String state : List.of("COMPLETE", "CACHED", "FAILED", "RUNNING", "NEW")) {
      Integer n = nodes.get(state);
      if (n != null) {
        b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(state.toLowerCase(java.util.Locale.ROOT));
      }
    }
    return b.toString();
  }

  static String html(RunDetail d, Long selected, String selectedLog) {
    RunsView.RunRow r = d.run();
    StringBuilder h = new StringBuilder("<h1>Run ").append(Html.esc(r.name())).append(' ').append(Html.state(r.state()))
        .append("</h1>\n<p class=\"facts\">Pipeline ")
        .append(Html.link("/runs" + Html.query(Map.of("pipeline", r.pipeline())), r.pipeline()))
        .append(" &middot; started ").append(Html.esc(r.started() == null ? "" : Html.when(java.time.Instant.parse(r.started()))))
        .append(r.durationMs() == null ? "" : " &middot; took " + Html.duration(r.durationMs()))
        .append(" &middot; ").append(counts(r.nodes()))
        .append(" &middot; ").append(Html.link("/api/runs/" + r.id(), "JSON")).append("</p>\n");
    if (r.error() != null) {
      h.append("<pre class=\"error\">").append(Html.esc(r.error())).append("</pre>\n");
    }
    List<GraphSvg.Node> nodes = new ArrayList<>();
    for (ExecutionView.ExecutionDetail n : d.nodes()) {
      String sub = n.state() + (n.durationMs() == null ? "" : "  " + Html.duration(n.durationMs()));
      nodes.add(new GraphSvg.Node(String.valueOf(n.id()), n.node(), sub, "step s-" + n.state(),
          "/runs/" + r.id() + "?node=" + n.id() + "#execution", selected != null && selected == n.id()));
    }
    List<GraphSvg.Edge> edges = d.edges().stream()
        .map(e -> new GraphSvg.Edge(String.valueOf(e.from()), String.valueOf(e.to()))).toList();
    h.append("<div class=\"dag\">").append(GraphSvg.render(nodes, edges, "steps of run " + r.name())).append("</div>\n");
    h.append("<p class=\"legend\">").append(Html.state("COMPLETE")).append(' ').append(Html.state("CACHED")).append(' ')
        .append(Html.state("RUNNING")).append(' ').append(Html.state("FAILED"))
        .append(" &middot; click a step for its parameters, inputs, outputs and log</p>\n");
    h.append("<table class=\"steps\"><tr><th>Step</th><th>Component</th><th>State</th><th>Duration</th><th>Outputs</th></tr>");
    for (ExecutionView.ExecutionDetail n : d.nodes()) {
      h.append("<tr><td>").append(Html.link("/runs/" + r.id() + "?node=" + n.id() + "#execution", n.node()))
          .append("</td><td>").append(Html.esc(n.type())).append("</td><td>").append(Html.state(n.state()))
          .append("</td><td>").append(n.durationMs() == null ? "" : Html.duration(n.durationMs())).append("</td><td>");
      for (ExecutionView.ArtifactRef o : n.outputs()) {
        h.append(Html.link("/artifacts/" + o.id(), o.type())).append(' ');
      }
      h.append("</td></tr>");
    }
    h.append("</table>\n");
    d.nodes().stream().filter(n -> selected != null && n.id() == selected).findFirst()
        .ifPresent(n -> h.append(ExecutionView.html(n, selectedLog)));
    return h.toString();
  }
}
