package io.beamline.ui;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.MetadataStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The artifacts page and {@code /api/artifacts}: newest first, by type, state and pipeline, paged. */
final class ArtifactsView {
  record ArtifactRow(long id, String type, String state, String uri, String created, Map<String, Object> properties) {}

  record ArtifactList(int page, int pageSize, int total, String type, String state, String pipeline,
      List<String> types, List<String> pipelines, List<ArtifactRow> artifacts) {}

  private ArtifactsView() {}

  static ArtifactList list(MetadataStore store, String type, String state, String pipeline, int page) {
    List<Artifact> all;
    if (pipeline != null) {
      all = store.getContext(ContextTypes.PIPELINE, pipeline).map(p -> store.getArtifactsByContext(p.id()))
          .orElse(List.of());
    } else if (type != null) {
      all = store.getArtifactsByType(type);
    } else {
      all = store.getArtifacts();
    }
    Set<String> types = new TreeSet<>();
    all.forEach(a -> types.add(a.type()));
    List<Artifact> matching = all.stream()
        .filter(a -> type == null || a.type().equals(type))
        .filter(a -> state == null || a.state().name().equals(state))
        .sorted(Comparator.comparingLong(Artifact::id).reversed()).toList();
    int size = RunsView.PAGE_SIZE;
    int from = Math.min(matching.size(), (page - 1) * size);
    List<ArtifactRow> rows = matching.subList(from, Math.min(matching.size(), from + size)).stream()
        .map(ArtifactsView::row).toList();
    List<String> pipelines = store.getContextsByType(ContextTypes.PIPELINE).stream().map(Context::name).sorted().toList();
    return new ArtifactList(page, size, matching.size(), type, state, pipeline, List.copyOf(types), pipelines, rows);
  }

  static ArtifactRow row(Artifact a) {
    Map<String, Object> props = new java.util.TreeMap<>(Json.values(a.properties()));
    props.putAll(Json.values(a.customProperties()));
    return new ArtifactRow(a.id(), a.type(), a.state().name(), a.uri(), RunsView.iso(a.createTime()), props);
  }

  static String html(ArtifactList list) {
    StringBuilder h = new StringBuilder("<h1>Artifacts</h1>\n<form method=\"get\" action=\"/artifacts\" class=\"filters\">");
    select(h, "Type", "type", list.types(), list.type());
    select(h, "State", "state", List.of("PENDING", "LIVE", "ABANDONED", "DELETED"), list.state());
    select(h, "Pipeline", "pipeline", list.pipelines(), list.pipeline());
    h.append(" <button type=\"submit\">Filter</button></form>\n");
    if (list.artifacts().isEmpty()) {
      return h.append("<p class=\"empty\">No artifacts match.</p>").toString();
    }
    h.append("<table class=\"artifacts\"><thead><tr><th>Id</th><th>Type</th><th>State</th><th>Created</th><th>URI</th>"
        + "</tr></thead><tbody>\n");
    for (ArtifactRow a : list.artifacts()) {
      h.append("<tr><td>").append(Html.link("/artifacts/" + a.id(), a.id())).append("</td><td>")
          .append(Html.link("/artifacts" + Html.query(Map.of("type", a.type())), a.type())).append("</td><td>")
          .append(Html.state(a.state())).append("</td><td>").append(Html.esc(RunsView.nz(a.created())))
          .append("</td><td class=\"uri\">").append(Html.esc(RunsView.nz(a.uri()))).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
    return h.append(RunsView.pager("/artifacts", list.page(), list.pageSize(), list.total(),
        Map.of("type", RunsView.nz(list.type()), "state", RunsView.nz(list.state()),
            "pipeline", RunsView.nz(list.pipeline())))).toString();
  }

  private static void select(StringBuilder h, String label, String name, List<String> options, String chosen) {
    h.append("<label>").append(label).append(" <select name=\"").append(name).append("\"><option value=\"\">all</option>");
    for (String o : options) {
      h.append("<option").append(o.equals(chosen) ? " selected" : "").append(" value=\"").append(Html.esc(o))
          .append("\">").append(Html.esc(o)).append("</option>");
    }
    h.append("</select></label> ");
  }
}
