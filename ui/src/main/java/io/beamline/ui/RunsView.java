package io.beamline.ui;

import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.Execution;
import io.beamline.metadata.ExecutionState;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.RunSummary;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The runs page and {@code /api/runs}: newest first, filtered by pipeline and state, paged. */
final class RunsView {
  static final int PAGE_SIZE = 50;

  /**
   * One run in the list.
   *
   * @param nodes how many of its executions are in each state (COMPLETE, CACHED, FAILED, RUNNING, ...)
   */
  record RunRow(long id, String name, String pipeline, String state, String started, String ended,
      Long durationMs, Map<String, Integer> nodes, String error) {}

  record RunList(int page, int pageSize, int total, String pipeline, String state, List<String> pipelines,
      List<RunRow> runs) {}

  private RunsView() {}

  static RunList list(MetadataStore store, String pipeline, String state, int page) {
    List<Context> runs = store.getContextsByType(ContextTypes.PIPELINE_RUN).stream()
        .sorted(Comparator.comparingLong(Context::id).reversed()).toList();
    List<Context> pipelines = store.getContextsByType(ContextTypes.PIPELINE);
    if (pipeline != null) {
      Set<Long> ids = new HashSet<>();
      pipelines.stream().filter(p -> p.name().equals(pipeline))
          .forEach(p -> store.getChildContexts(p.id()).forEach(c -> ids.add(c.id())));
      runs = runs.stream().filter(r -> ids.contains(r.id())).toList();
    }
    if (state != null) {
      runs = runs.stream().filter(r -> state.equals(runState(r))).toList();
    }
    int from = Math.min(runs.size(), (page - 1) * PAGE_SIZE);
    // One query per pipeline names every run's pipeline; a query per row would double the page's cost.
    Map<Long, String> pipelineOf = new java.util.HashMap<>();
    pipelines.forEach(p -> store.getChildContexts(p.id()).forEach(c -> pipelineOf.put(c.id(), p.name())));
    List<RunRow> rows = runs.subList(from, Math.min(runs.size(), from + PAGE_SIZE)).stream()
        .map(r -> row(store, r, pipelineOf.getOrDefault(r.id(), ""))).toList();
    return new RunList(page, PAGE_SIZE, runs.size(), pipeline, state,
        pipelines.stream().map(Context::name).sorted().toList(), rows);
  }

  private static String runState(Context run) {
    var v = run.customProperties().get("state");
    return v == null ? "RUNNING" : String.valueOf(v.toJava());
  }

  static RunRow row(MetadataStore store, Context run) {
    return row(store, run, store.getParentContexts(run.id()).stream().map(Context::name).findFirst().orElse(""));
  }

  private static RunRow row(MetadataStore store, Context run, String pipeline) {
    RunSummary s = RunSummary.of(store, run);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (ExecutionState st : ExecutionState.values()) {
      int n = (int) s.executions().stream().filter(e -> e.state() == st).count();
      if (n > 0 || st == ExecutionState.COMPLETE || st == ExecutionState.CACHED || st == ExecutionState.FAILED) {
        counts.put(st.name(), n);
      }
    }
    Instant end = s.end().orElse(null);
    return new RunRow(run.id(), s.name(), pipeline, s.state(), iso(s.start()), iso(end),
        end == null ? null : end.toEpochMilli() - s.start().toEpochMilli(), counts, s.error().orElse(null));
  }

  static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  static String html(RunList list) {
    StringBuilder h = new StringBuilder("<h1>Runs</h1>\n<form method=\"get\" action=\"/runs\" class=\"filters\">");
    h.append("<label>Pipeline <select name=\"pipeline\"><option value=\"\">all</option>");
    for (String p : list.pipelines()) {
      h.append("<option").append(p.equals(list.pipeline()) ? " selected" : "").append(" value=\"").append(Html.esc(p))
          .append("\">").append(Html.esc(p)).append("</option>");
    }
    h.append("</select></label> <label>State <select name=\"state\"><option value=\"\">all</option>");
    for (String s : List.of("RUNNING", "COMPLETE", "FAILED")) {
      h.append("<option").append(s.equals(list.state()) ? " selected" : "").append(">").append(s).append("</option>");
    }
    h.append("</select></label> <button type=\"submit\">Filter</button></form>\n");
    if (list.runs().isEmpty()) {
      return h.append("<p class=\"empty\">No pipeline runs here yet. Run <code>beamline demo</code>.</p>").toString();
    }
    h.append("<table class=\"runs\"><thead><tr><th>Run</th><th>Pipeline</th><th>State</th><th>Started</th>"
        + "<th>Duration</th><th>Complete</th><th>Cached</th><th>Failed</th></tr></thead><tbody>\n");
    for (RunRow r : list.runs()) {
      h.append("<tr><td>").append(Html.link("/runs/" + r.id(), r.name())).append("</td><td>")
          .append(Html.link("/runs" + Html.query(Map.of("pipeline", r.pipeline())), r.pipeline())).append("</td><td>")
          .append(Html.state(r.state())).append("</td><td>").append(Html.esc(r.started() == null ? "" :
              Html.when(Instant.parse(r.started())))).append("</td><td>")
          .append(r.durationMs() == null ? "" : Html.duration(r.durationMs())).append("</td><td>")
          .append(r.nodes().get("COMPLETE")).append("</td><td>").append(r.nodes().get("CACHED")).append("</td><td>")
          .append(r.nodes().get("FAILED")).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
    return h.append(pager("/runs", list.page(), list.pageSize(), list.total(),
        Map.of("pipeline", nz(list.pipeline()), "state", nz(list.state())))).toString();
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  /** "Runs 51-100 of 1000", previous and next links keeping the filters. */
  static String pager(String path, int page, int size, int total, Map<String, String> filters) {
    int from = total == 0 ? 0 : (page - 1) * size + 1;
    int to = Math.min(total, page * size);
    StringBuilder h = new StringBuilder("<p class=\"pager\">").append(from).append("-").append(to).append(" of ")
        .append(total).append(' ');
    Map<String, String> q = new LinkedHashMap<>(filters);
    if (page > 1) {
      q.put("page", String.valueOf(page - 1));
      h.append(Html.link(path + Html.query(q), "previous")).append(' ');
    }
    if (to < total) {
      q.put("page", String.valueOf(page + 1));
      h.append(Html.link(path + Html.query(q), "next"));
    }
    return h.append("</p>").toString();
  }

  static boolean running(Execution e) {
    return e.state() == ExecutionState.RUNNING || e.state() == ExecutionState.NEW;
  }
}
