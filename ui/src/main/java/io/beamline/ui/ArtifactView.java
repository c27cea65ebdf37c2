package io.beamline.ui;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Event;
import io.beamline.metadata.EventType;
import io.beamline.metadata.Execution;
import io.beamline.metadata.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An artifact: its properties, who made it and who read it, its files, and its view. The view
 * depends on the type ({@link TypeViews}); the components' own HTML pages (statistics, anomalies,
 * evaluation) are shown as they wrote them, in a sandboxed frame, rather than rendered twice.
 */
final class ArtifactView {
  record ExecutionRef(long id, String node, String type, String state, String key) {}

  record ArtifactDetail(ArtifactsView.ArtifactRow artifact, List<ExecutionRef> producers,
      List<ExecutionRef> consumers, List<String> files, Map<String, Object> view) {}

  private ArtifactView() {}

  static ArtifactDetail detail(MetadataStore store, Artifact a, ArtifactFiles files) {
    List<Event> events = store.getEventsByArtifactIds(List.of(a.id()));
    Map<Long, Execution> executions = new java.util.HashMap<>();
    store.getExecutions(events.stream().map(Event::executionId).distinct().toList())
        .forEach(e -> executions.put(e.id(), e));
    List<ExecutionRef> producers = refs(events, executions, EventType.OUTPUT);
    List<ExecutionRef> consumers = refs(events, executions, EventType.INPUT);
    Optional<Path> dir = files.directory(a.uri());
    return new ArtifactDetail(ArtifactsView.row(a), producers, consumers, files.list(a.uri()),
        TypeViews.model(a, dir));
  }

  private static List<ExecutionRef> refs(List<Event> events, Map<Long, Execution> executions, EventType type) {
    return events.stream().filter(e -> e.type() == type && executions.containsKey(e.executionId()))
        .map(e -> {
          Execution x = executions.get(e.executionId());
          return new ExecutionRef(x.id(), x.name(), x.type(), x.state().name(), e.key());
        }).toList();
  }

  static String html(MetadataStore store, ArtifactDetail d, Artifact a, String split, Long compare) {
    ArtifactsView.ArtifactRow r = d.artifact();
    StringBuilder h = new StringBuilder("<h1>").append(Html.esc(r.type())).append(" <small>artifact ").append(r.id())
        .append("</small> ").append(Html.state(r.state())).append("</h1>\n<p class=\"facts\">")
        .append(Html.link("/lineage/artifacts/" + r.id() + "?direction=both", "Lineage")).append(" &middot; ")
        .append(Html.link("/api/artifacts/" + r.id(), "JSON")).append(" &middot; created ")
        .append(Html.esc(RunsView.nz(r.created()))).append("</p>\n<p class=\"uri\">").append(Html.esc(RunsView.nz(r.uri())))
        .append("</p>\n<div class=\"cols\"><div>");
    execTable(h, "Made by", d.producers());
    execTable(h, "Read by", d.consumers());
    h.append("</div><div><h2>Properties</h2><table class=\"props\">");
    r.properties().forEach((k, v) -> h.append("<tr><th>").append(Html.esc(k)).append("</th><td>").append(Html.esc(v))
        .append("</td></tr>"));
    h.append("</table></div></div>\n");
    h.append(TypeViews.html(store, a, d.view(), split, compare));
    if (!d.files().isEmpty()) {
      h.append("<details class=\"files\"><summary>Files (").append(d.files().size()).append(")</summary><ul>");
      for (String f : d.files()) {
        h.append("<li>").append(Html.link(fileHref(r.id(), f), f)).append("</li>");
      }
      h.append("</ul></details>\n");
    }
    if (a.state() != ArtifactState.LIVE) {
      h.append("<p class=\"empty\">This artifact is ").append(Html.esc(a.state())).append(": its files may be partial or gone.</p>");
    }
    return h.toString();
  }

  /** {@code /files/<id>/<relative path>} with each segment percent-encoded. */
  static String fileHref(long id, String relative) {
    StringBuilder b = new StringBuilder("/files/").append(id);
    for (String part : relative.split("/")) {
      b.append('/').append(java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return b.toString();
  }

  private static void execTable(StringBuilder h, String title, List<ExecutionRef> refs) {
    h.append("<h2>").append(title).append("</h2>");
    if (refs.isEmpty()) {
      h.append("<p class=\"empty\">none</p>");
      return;
    }
    h.append("<table><tr><th>Step</th><th>Component</th><th>As</th><th>State</th></tr>");
    for (ExecutionRef e : refs) {
      h.append("<tr><td>").append(Html.link("/executions/" + e.id(), e.node() + " #" + e.id())).append("</td><td>")
          .append(Html.esc(e.type())).append("</td><td>").append(Html.esc(e.key())).append("</td><td>")
          .append(Html.state(e.state())).append("</td></tr>");
    }
    h.append("</table>");
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
