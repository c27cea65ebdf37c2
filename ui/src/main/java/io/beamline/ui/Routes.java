package io.beamline.ui;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.Execution;
import io.beamline.metadata.MetadataStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Paths to pages and their JSON: every page has an {@code /api/...} twin built from the same data
 * (see the module README for the list). Only reads.
 */
final class Routes {
  /** Seconds between reloads of a page showing something still running. */
  static final int REFRESH_SECONDS = 2;

  static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }

  private final Home home;
  private final ArtifactFiles files;

  Routes(Home home) {
    this.home = home;
    this.files = new ArtifactFiles(home.artifactRoot());
  }

  Response answer(URI uri) {
    String raw = uri.getRawPath() == null ? "/" : uri.getRawPath();
    List<String> p = Arrays.stream(raw.split("/", -1)).skip(1).toList();
    if (!p.isEmpty() && p.get(p.size() - 1).isEmpty() && p.size() > 1) {
      p = p.subList(0, p.size() - 1);
    }
    Query q = Query.of(uri);
    String first = p.isEmpty() ? "" : p.get(0);
    boolean api = first.equals("api");
    List<String> rest = api ? p.subList(1, p.size()) : p;
    String head = rest.isEmpty() ? "" : rest.get(0);
    return switch (head) {
      case "" -> api ? Response.json(ApiIndex.ENDPOINTS) : Response.redirect("/runs");
      case "static" -> staticFile(rest);
      case "runs" -> rest.size() == 1 ? runs(api, q) : withStore(s -> run(s, api, id(rest, 1), q));
      case "executions" -> withStore(s -> execution(s, api, rest, q));
      case "artifacts" -> rest.size() == 1 ? artifacts(api, q) : withStore(s -> artifact(s, api, rest, q));
      case "lineage" -> withStore(s -> lineage(s, api, rest, q));
      case "history" -> rest.size() == 1 ? history(api, q) : notFound(raw);
      case "files" -> api ? notFound(raw) : withStore(s -> file(s, rest));
      default -> notFound(raw);
    };
  }

  private static Response notFound(String raw) {
    throw new NotFound("No page at " + raw);
  }

  private static long id(List<String> p, int i) {
    if (p.size() <= i) {
      throw new NotFound("Missing id");
    }
    try {
      long id = Long.parseLong(p.get(i));
      if (id <= 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new NotFound("Not an id: " + p.get(i));
    }
  }

  private <T> T read(Function<MetadataStore, T> query, T empty) {
    return home.read(query).orElse(empty);
  }

  private Response page(String title, String body, int refresh) {
    return Response.html(Html.page(title, body, refresh));
  }

  private Response runs(boolean api, Query q) {
    String pipeline = q.get("pipeline");
    String state = q.get("state");
    int page = q.integer("page", 1, 1, 1_000_000);
    RunsView.RunList list = read(s -> RunsView.list(s, pipeline, state, page),
        new RunsView.RunList(page, RunsView.PAGE_SIZE, 0, pipeline, state, List.of(), List.of()));
    if (api) {
      return Response.json(list);
    }
    boolean running = list.runs().stream().anyMatch(r -> r.state().equals("RUNNING"));
    return page("Runs", RunsView.html(list), running ? REFRESH_SECONDS : 0);
  }

  private Context runContext(MetadataStore s, long id) {
    return s.getContext(id).filter(c -> c.type().equals(ContextTypes.PIPELINE_RUN))
        .orElseThrow(() -> new NotFound("No run " + id + " in this store"));
  }

  private Response run(MetadataStore s, boolean api, long id, Query q) {
    RunView.RunDetail d = RunView.detail(s, runContext(s, id));
    if (api) {
      return Response.json(d);
    }
    Long node = q.get("node") == null ? null : (long) q.integer("node", 0, 1, Integer.MAX_VALUE);
    String log = node == null ? "" : s.getExecution(node).map(ExecutionView::log).orElse("");
    boolean running = d.run().state().equals("RUNNING");
    return page("Run " + d.run().name(), RunView.html(d, node, log), running ? REFRESH_SECONDS : 0);
  }

  private Response execution(MetadataStore s, boolean api, List<String> rest, Query q) {
    long id = id(rest, 1);
    Execution e = s.getExecution(id).orElseThrow(() -> new NotFound("No execution " + id + " in this store"));
    if (rest.size() == 3 && rest.get(2).equals("log")) {
      return new Response(200, "text/plain; charset=utf-8", ExecutionView.log(e).getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Security-Policy", ArtifactFiles.FILE_CSP));
    }
    if (rest.size() != 2) {
      throw new NotFound("No page here");
    }
    ExecutionView.ExecutionDetail d = ExecutionView.detail(s, e);
    if (api) {
      return Response.json(d);
    }
    StringBuilder body = new StringBuilder("<p class=\"facts\">");
    for (Context c : s.getContextsByExecution(id)) {
      if (c.type().equals(ContextTypes.PIPELINE_RUN)) {
        body.append("Run ").append(Html.link("/runs/" + c.id() + "?node=" + id + "#execution", c.name())).append(' ');
      }
    }
    body.append(Html.link("/api/executions/" + id, "JSON")).append("</p>").append(ExecutionView.html(d, ExecutionView.log(e)));
    return page("Execution " + id, body.toString(), RunsView.running(e) ? REFRESH_SECONDS : 0);
  }

  private Response artifacts(boolean api, Query q) {
    String type = q.get("type");
    String state = q.get("state");
    String pipeline = q.get("pipeline");
    int page = q.integer("page", 1, 1, 1_000_000);
    ArtifactsView.ArtifactList list = read(s -> ArtifactsView.list(s, type, state, pipeline, page),
        new ArtifactsView.ArtifactList(page, RunsView.PAGE_SIZE, 0, type, state, pipeline, List.of(), List.of(), List.of()));
    return api ? Response.json(list) : page("Artifacts", ArtifactsView.html(list), 0);
  }

  private Response artifact(MetadataStore s, boolean api, List<String> rest, Query q) {
    long id = id(rest, 1);
    Artifact a = artifact(s, id);
    if (rest.size() == 4 && rest.get(2).equals("compare") && !api) {
      Artifact b = artifact(s, id(rest, 3));
      Path dirA = files.directory(a.uri()).orElseThrow(() -> new NotFound("Artifact " + id + " has no local files"));
      Path dirB = files.directory(b.uri()).orElseThrow(() -> new NotFound("Artifact " + b.id() + " has no local files"));
      return new Response(200, "text/html; charset=utf-8",
          StatisticsComparison.page(a, dirA, b, dirB).getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Security-Policy", ArtifactFiles.FILE_CSP));
    }
    if (rest.size() != 2) {
      throw new NotFound("No page here");
    }
    ArtifactView.ArtifactDetail d = ArtifactView.detail(s, a, files);
    if (api) {
      return Response.json(d);
    }
    Long compare = q.get("compare") == null ? null : (long) q.integer("compare", 0, 1, Integer.MAX_VALUE);
    return page(a.type() + " " + id, ArtifactView.html(s, d, a, q.get("split"), compare), 0);
  }

  private static Artifact artifact(MetadataStore s, long id) {
    return s.getArtifact(id).orElseThrow(() -> new NotFound("No artifact " + id + " in this store"));
  }

  /** {@code /lineage/artifacts/ID}, {@code /lineage/executions/ID}; the API also takes {@code /api/lineage/ID}. */
  private Response lineage(MetadataStore s, boolean api, List<String> rest, Query q) {
    boolean isArtifact;
    long id;
    if (rest.size() == 2) {
      isArtifact = true;
      id = id(rest, 1);
    } else if (rest.size() == 3 && (rest.get(1).equals("artifacts") || rest.get(1).equals("executions"))) {
      isArtifact = rest.get(1).equals("artifacts");
      id = id(rest, 2);
    } else {
      throw new NotFound("Lineage: /lineage/artifacts/ID or /lineage/executions/ID");
    }
    var direction = LineageView.direction(q.get("direction"));
    int hops = q.integer("hops", LineageView.DEFAULT_HOPS, 0, 1000);
    LineageView.Lineage l = LineageView.of(s, isArtifact, id, direction, hops);
    return api ? Response.json(l) : page("Lineage", LineageView.html(l), 0);
  }

  private Response history(boolean api, Query q) {
    HistoryView.HistoryPage h = read(s -> HistoryView.of(s, q), HistoryView.of(null, Query.EMPTY));
    return api ? Response.json(h) : page("History", HistoryView.html(h, q), 0);
  }

  private Response file(MetadataStore s, List<String> p) {
    long id = id(p, 1);
    Artifact a = artifact(s, id);
    return files.serve(a.uri(), p.subList(2, p.size()));
  }

  private static Response staticFile(List<String> rest) {
    if (rest.size() == 2 && rest.get(1).equals("dashboard.css")) {
      return new Response(200, "text/css; charset=utf-8", DashboardServer.resource("dashboard.css"), Map.of());
    }
    throw new NotFound("No such static file");
  }

  /** Answers from one store connection, held for the whole request. */
  private Response withStore(Function<MetadataStore, Response> answer) {
    return home.read(answer)
        .orElseThrow(() -> new NotFound("No store yet at " + home.storeFile() + ": run a pipeline first"));
  }

  /** What {@code /api} lists: each endpoint and what it answers. */
  static final class ApiIndex {
    static final Map<String, String> ENDPOINTS = endpoints();

    private static Map<String, String> endpoints() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("/api/runs?pipeline=&state=&page=", "runs, newest first, 50 a page, with node counts by state");
      m.put("/api/runs/{id}", "a run: its executions (parameters, inputs, outputs, error, log file) and edges");
      m.put("/api/executions/{id}", "one execution");
      m.put("/api/executions/{id}/log", "its log, plain text");
      m.put("/api/artifacts?type=&state=&pipeline=&page=", "artifacts, newest first, 50 a page");
      m.put("/api/artifacts/{id}", "an artifact: properties, producers, consumers, files and its view's data");
      m.put("/api/lineage/{artifact id}?direction=up|down|both&hops=", "lineage from an artifact");
      m.put("/api/lineage/executions/{id}?direction=&hops=", "lineage from an execution");
      m.put("/api/history?stat=F:STAT,..&metric=M[@SLICE],..&detect=&pipeline=&node=&split=&slice=",
          "series over the spans, with the points the detector flags");
      return m;
    }
  }
}
