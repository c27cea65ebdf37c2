package io.beamline.ui;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.Event;
import io.beamline.metadata.EventType;
import io.beamline.metadata.Execution;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import io.beamline.orchestrator.ExecutionLog;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One execution (a run's node): parameters, inputs, outputs, duration, error and its log. */
final class ExecutionView {
  /** Lines of a log shown on a page; the whole log is at {@code /api/executions/{id}/log}. */
  static final int PAGE_LOG_LINES = 400;

  record ArtifactRef(long id, String type, String key, String state, String uri) {}

  /**
   * @param cachedFrom the execution whose outputs a CACHED one reused
   * @param parameters the node's parameters as recorded
   */
  record ExecutionDetail(long id, String node, String type, String state, String started, String ended,
      Long durationMs, Long cachedFrom, Object parameters, List<ArtifactRef> inputs, List<ArtifactRef> outputs,
      String error, String logFile, Map<String, Object> properties) {}

  private ExecutionView() {}

  static ExecutionDetail detail(MetadataStore store, Execution e, List<Event> events, Map<Long, Artifact> artifacts) {
    Value params = e.customProperties().get("parameters");
    Value cached = e.customProperties().get("cached_from_execution");
    return new ExecutionDetail(e.id(), e.name(), e.type(), e.state().name(), RunsView.iso(e.startTime()),
        RunsView.iso(e.endTime()),
        e.startTime() == null || e.endTime() == null ? null : e.endTime().toEpochMilli() - e.startTime().toEpochMilli(),
        cached == null ? null : (Long) cached.toJava(), params == null ? null : params.toJava(),
        refs(events, artifacts, e.id(), EventType.INPUT), refs(events, artifacts, e.id(), EventType.OUTPUT),
        e.errorMessage(), ExecutionLog.of(e).map(Object::toString).orElse(null), Json.values(e.customProperties()));
  }

  static ExecutionDetail detail(MetadataStore store, Execution e) {
    List<Event> events = store.getEventsByExecutionIds(List.of(e.id()));
    Map<Long, Artifact> artifacts = store.getArtifacts(events.stream().map(Event::artifactId).distinct().toList())
        .stream().collect(Collectors.toMap(Artifact::id, Function.identity()));
    return detail(store, e, events, artifacts);
  }

  private static List<ArtifactRef> refs(List<Event> events, Map<Long, Artifact> artifacts, long execution, EventType type) {
    return events.stream().filter(ev -> ev.executionId() == execution && ev.type() == type)
        .map(ev -> {
          Artifact a = artifacts.get(ev.artifactId());
          return new ArtifactRef(ev.artifactId(), a == null ? "" : a.type(), ev.key(),
              a == null ? "" : a.state().name(), a == null ? "" : a.uri());
        }).toList();
  }

  static String log(Execution e) {
    return ExecutionLog.of(e).map(ExecutionLog::read).orElse("");
  }

  /** The panel: facts, inputs and outputs linked, the error, the log's last lines. */
  static String html(ExecutionDetail d, String log) {
    StringBuilder h = new StringBuilder("<section class=\"execution\" id=\"execution\"><h2>")
        .append(Html.esc(d.node())).append(" <small>").append(Html.esc(d.type())).append(", execution ")
        .append(d.id()).append("</small> ").append(Html.state(d.state())).append("</h2>\n<dl>");
    h.append("<dt>Started</dt><dd>").append(Html.esc(d.started() == null ? "" : d.started())).append("</dd>");
    h.append("<dt>Duration</dt><dd>").append(d.durationMs() == null ? "" : Html.duration(d.durationMs())).append("</dd>");
    if (d.cachedFrom() != null) {
      h.append("<dt>Cached from</dt><dd>").append(Html.link("/executions/" + d.cachedFrom(), "execution " + d.cachedFrom()))
          .append("</dd>");
    }
    h.append("<dt>Lineage</dt><dd>").append(Html.link("/lineage/executions/" + d.id() + "?direction=both", "explore"))
        .append("</dd></dl>\n");
    if (d.error() != null) {
      h.append("<h3>Error</h3><pre class=\"error\">").append(Html.esc(d.error())).append("</pre>\n");
    }
    h.append("<h3>Parameters</h3><pre class=\"params\">")
        .append(Html.esc(d.parameters() == null ? "" : io.beamline.core.Json.writePretty(d.parameters())))
        .append("</pre>\n");
    refsTable(h, "Inputs", d.inputs());
    refsTable(h, "Outputs", d.outputs());
    h.append("<h3>Log</h3>");
    if (d.logFile() == null) {
      h.append("<p class=\"empty\">No log: ").append(d.cachedFrom() != null ? "a cached step runs nothing."
          : "this execution keeps none (outside a local artifact root, or before logs were kept).").append("</p>");
    } else {
      List<String> lines = log.lines().toList();
      int from = Math.max(0, lines.size() - PAGE_LOG_LINES);
      if (from > 0) {
        h.append("<p>The last ").append(PAGE_LOG_LINES).append(" of ").append(lines.size()).append(" lines; ");
      } else {
        h.append("<p>");
      }
      h.append(Html.link("/api/executions/" + d.id() + "/log", "whole log")).append("</p><pre class=\"log\">");
      for (String line : lines.subList(from, lines.size())) {
        String css = line.contains("ERROR") || line.contains("Exception") ? "err"
            : line.contains("WARN") ? "warn" : "";
        h.append(css.isEmpty() ? "" : "<span class=\"" + css + "\">").append(Html.esc(line))
            .append(css.isEmpty() ? "" : "</span>").append('\n');
      }
      if (lines.isEmpty()) {
        h.append("(nothing printed yet)");
      }
      h.append("</pre>");
    }
    return h.append("</section>\n").toString();
  }

  private static void refsTable(StringBuilder h, String title, List<ArtifactRef> refs) {
    h.append("<h3>").append(title).append("</h3>");
    if (refs.isEmpty()) {
      h.append("<p class=\"empty\">none</p>");
      return;
    }
    h.append("<table><tr><th>Key</th><th>Artifact</th><th>Type</th><th>State</th></tr>");
    for (ArtifactRef r : refs) {
      h.append("<tr><td>").append(Html.esc(r.key())).append("</td><td>")
          .append(Html.link("/artifacts/" + r.id(), "artifact " + r.id())).append("</td><td>").append(Html.esc(r.type()))
          .append("</td><td>").append(Html.state(r.state())).append("</td></tr>");
    }
    h.append("</table>\n");
  }
}
