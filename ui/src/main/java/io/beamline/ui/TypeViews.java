package io.beamline.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.anomalies.AnomaliesJson;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.schema.Feature;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The view of each artifact type: what its page shows beyond properties, and the same as data in
 * {@code /api/artifacts/{id}} under {@code view}. The statistics, anomalies and evaluation pages
 * the components wrote are framed as they are (their renderers are the only ones); the schema is a
 * table; training curves are drawn from the ModelRun's {@code metrics.json} (the numbers also in
 * its TensorBoard logs, which are listed).
 */
final class TypeViews {
  private TypeViews() {}

  static Map<String, Object> model(Artifact a, Optional<Path> dir) {
    Map<String, Object> v = new LinkedHashMap<>();
    String type = a.type();
    if (dir.isEmpty()) {
      v.put("kind", "none");
      return v;
    }
    Path d = dir.get();
    if (type.equals(ArtifactType.EXAMPLE_STATISTICS.name())) {
      v.put("kind", "statistics");
      v.put("pages", splitPages(a.id(), d, StatisticsJson.HTML_FILE_NAME));
    } else if (type.equals(ArtifactType.EXAMPLE_ANOMALIES.name())) {
      v.put("kind", "anomalies");
      v.put("pages", splitPages(a.id(), d, AnomaliesJson.HTML_FILE_NAME));
    } else if (type.equals(ArtifactType.SCHEMA.name()) && Files.isRegularFile(d.resolve(SchemaText.FILE_NAME))) {
      v.put("kind", "schema");
      v.put("features", schemaRows(SchemaText.readArtifact(d.toString())));
    } else if (type.equals(ArtifactType.MODEL_RUN.name())) {
      v.put("kind", "training");
      v.put("epochs", epochs(d.resolve("metrics.json")));
      v.put("tensorboard", tensorboardFiles(d));
    } else if (type.equals(ArtifactType.MODEL_EVALUATION.name())) {
      v.put("kind", "evaluation");
      String html = text(a, PropertyNames.HTML_FILE).orElse("evaluation.html");
      if (Files.isRegularFile(d.resolve(html))) {
        v.put("page", ArtifactView.fileHref(a.id(), html));
      }
      a.customProperties().entrySet().stream().filter(e -> e.getKey().equals(PropertyNames.OVERALL))
          .forEach(e -> v.put("overall", e.getValue().toJava()));
    } else if (type.equals(ArtifactType.MODEL_BLESSING.name())) {
      v.put("kind", "blessing");
      v.put("blessed", Files.exists(d.resolve("BLESSED")) ? Boolean.TRUE
          : Files.exists(d.resolve("NOT_BLESSED")) ? Boolean.FALSE : null);
      text(a, PropertyNames.MESSAGE).ifPresent(m -> v.put("message", m));
    } else if (type.equals(ArtifactType.PUSHED_MODEL.name())) {
      v.put("kind", "pushed");
      v.put("pushed", a.customProperties().getOrDefault(PropertyNames.PUSHED, new Value.StringValue("")).toJava());
      text(a, PropertyNames.DESTINATION).ifPresent(x -> v.put("destination", x));
      text(a, PropertyNames.VERSION).ifPresent(x -> v.put("version", x));
      text(a, PropertyNames.REASON).ifPresent(x -> v.put("reason", x));
    } else {
      v.put("kind", "properties");
    }
    return v;
  }

  private static Optional<String> text(Artifact a, String key) {
    Value v = a.customProperties().getOrDefault(key, a.properties().get(key));
    return v == null ? Optional.empty() : Optional.of(String.valueOf(v.toJava()));
  }

  /** Split name to the href of its page, for each {@code Split-<name>/<file>} there is. */
  private static Map<String, String> splitPages(long id, Path dir, String file) {
    Map<String, String> pages = new LinkedHashMap<>();
    try (Stream<Path> splits = Files.list(dir)) {
      splits.filter(p -> p.getFileName().toString().startsWith("Split-") && Files.isRegularFile(p.resolve(file)))
          .sorted((x, y) -> order(x).compareTo(order(y)))
          .forEach(p -> pages.put(p.getFileName().toString().substring(6),
              ArtifactView.fileHref(id, p.getFileName() + "/" + file)));
    } catch (IOException e) {
      // An unreadable directory shows no pages; the file list says what is there.
    }
    return pages;
  }

  /** train first, then eval, then the rest by name: how people read splits. */
  private static String order(Path split) {
    String n = split.getFileName().toString();
    return n.equals("Split-train") ? "0" : n.equals("Split-eval") ? "1" : "2" + n;
  }

  private static List<Map<String, Object>> schemaRows(Schema schema) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Feature f : schema.features()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", f.name());
      r.put("type", f.type().name());
      r.put("presence", f.presence() == null ? "" : f.presence().minFraction() != null
          && f.presence().minFraction() >= 1.0 ? "required" : "optional");
      r.put("valency", f.valueCount() == null ? "" : f.valueCount().min() != null && f.valueCount().min() == 1
          && f.valueCount().max() != null && f.valueCount().max() == 1 ? "single" : "min " + f.valueCount().min()
          + ", max " + f.valueCount().max());
      String domain = "";
      if (f.intDomain() != null) {
        domain = "[" + f.intDomain().min() + ", " + f.intDomain().max() + "]";
      } else if (f.floatDomain() != null) {
        domain = "[" + f.floatDomain().min() + ", " + f.floatDomain().max() + "]";
      } else if (f.boolDomain()) {
        domain = "bool";
      } else {
        List<String> values = schema.stringDomainOf(f).map(s -> s.values()).orElse(List.of());
        if (!values.isEmpty()) {
          domain = String.join(", ", values.subList(0, Math.min(20, values.size())))
              + (values.size() > 20 ? " ... (" + values.size() + " values)" : "");
        }
      }
      r.put("domain", domain);
      rows.add(r);
    }
    return rows;
  }

  private static List<Map<String, Object>> epochs(Path metrics) {
    if (!Files.isRegularFile(metrics)) {
      return List.of();
    }
    try {
      JsonNode root = io.beamline.core.Json.mapper().readTree(metrics.toFile());
      List<Map<String, Object>> out = new ArrayList<>();
      for (JsonNode e : root.path("epochs")) {
        Map<String, Object> m = new LinkedHashMap<>();
        e.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().isNumber() ? f.getValue().asDouble() : null));
        out.add(m);
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<String> tensorboardFiles(Path dir) {
    Path logs = dir.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(logs, 3)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  @SuppressWarnings("unchecked")
  static String html(MetadataStore store, Artifact a, Map<String, Object> view, String split, Long compare) {
    StringBuilder h = new StringBuilder("<section class=\"view\">");
    switch (String.valueOf(view.get("kind"))) {
      case "statistics" -> {
        h.append("<h2>Statistics</h2>");
        framedSplits(h, (Map<String, String>) view.get("pages"), split, "statistics of split ",
            "each page puts every split side by side (split vs split)");
        compareForm(store, a, compare, h);
      }
      case "anomalies" -> {
        h.append("<h2>Anomalies</h2>");
        framedSplits(h, (Map<String, String>) view.get("pages"), split, "anomalies of split ", "");
      }
      case "schema" -> schemaTable(h, (List<Map<String, Object>>) view.get("features"));
      case "training" -> training(h, a, (List<Map<String, Object>>) view.get("epochs"),
          (List<String>) view.get("tensorboard"));
      case "evaluation" -> {
        h.append("<h2>Evaluation</h2>");
        if (view.get("page") != null) {
          h.append("<p>Metrics per slice with their curves, as the Evaluator wrote them.</p><iframe class=\"page\" title=\""
              + "evaluation\" src=\"").append(Html.esc(view.get("page"))).append("\"></iframe>");
        }
      }
      case "blessing" -> h.append("<h2>Blessing</h2><p class=\"blessing\">").append(
          Html.state(Boolean.TRUE.equals(view.get("blessed")) ? "BLESSED" : Boolean.FALSE.equals(view.get("blessed"))
              ? "NOT_BLESSED" : "UNKNOWN")).append(' ').append(Html.esc(RunsView.nz((String) view.get("message"))))
          .append("</p>");
      case "pushed" -> h.append("<h2>Pushed model</h2><p class=\"pushed\">").append(Boolean.TRUE.equals(view.get("pushed"))
          ? "Version " + Html.esc(view.get("version")) + " at <code>" + Html.esc(view.get("destination")) + "</code>"
          : "Not pushed: " + Html.esc(RunsView.nz((String) view.get("reason")))).append("</p>");
      default -> {
        return "";
      }
    }
    return h.append("</section>\n").toString();
  }

  private static void framedSplits(StringBuilder h, Map<String, String> pages, String split, String title, String note) {
    if (pages.isEmpty()) {
      h.append("<p class=\"empty\">No pages in this artifact.</p>");
      return;
    }
    String shown = split != null && pages.containsKey(split) ? split : pages.keySet().iterator().next();
    h.append("<p class=\"splits\">Split: ");
    for (String s : pages.keySet()) {
      h.append(s.equals(shown) ? "<b>" + Html.esc(s) + "</b>" : Html.link("?split=" + java.net.URLEncoder.encode(s,
          java.nio.charset.StandardCharsets.UTF_8), s)).append(' ');
    }
    h.append(note.isEmpty() ? "" : "&middot; " + note).append("</p><iframe class=\"page\" title=\"")
        .append(Html.esc(title + shown)).append("\" src=\"").append(Html.esc(pages.get(shown))).append("\"></iframe>");
  }

  /** Span vs span: another statistics artifact's splits beside this one's, in one table. */
  private static void compareForm(MetadataStore store, Artifact a, Long compare, StringBuilder h) {
    List<Artifact> others = store.getArtifactsByType(a.type()).stream()
        .filter(o -> o.id() != a.id() && o.state() == ArtifactState.LIVE)
        .sorted(java.util.Comparator.comparingLong(Artifact::id).reversed()).toList();
    h.append("<h3>Compare with another statistics artifact</h3>");
    if (others.isEmpty()) {
      h.append("<p class=\"empty\">No other statistics artifact to compare with.</p>");
      return;
    }
    h.append("<form method=\"get\" class=\"filters\"><select name=\"compare\">");
    for (Artifact o : others) {
      h.append("<option value=\"").append(o.id()).append('"').append(compare != null && compare == o.id() ? " selected" : "")
          .append(">artifact ").append(o.id()).append(StatisticsComparison.span(o).map(s -> ", span " + s).orElse(""))
          .append(", ").append(Html.esc(RunsView.nz(RunsView.iso(o.createTime())))).append("</option>");
    }
    h.append("</select> <button type=\"submit\">Compare</button></form>");
    if (compare != null) {
      h.append("<iframe class=\"page\" title=\"comparison\" src=\"/artifacts/").append(a.id()).append("/compare/")
          .append(compare).append("\"></iframe>");
    }
  }

  private static void schemaTable(StringBuilder h, List<Map<String, Object>> rows) {
    h.append("<h2>Schema</h2><table class=\"schema\"><tr><th>Feature</th><th>Type</th><th>Presence</th><th>Valency</th>"
        + "<th>Domain</th></tr>");
    for (Map<String, Object> r : rows) {
      h.append("<tr><td class=\"name\">").append(Html.esc(r.get("name"))).append("</td><td>").append(Html.esc(r.get("type")))
          .append("</td><td>").append(Html.esc(r.get("presence"))).append("</td><td>").append(Html.esc(r.get("valency")))
          .append("</td><td>").append(Html.esc(r.get("domain"))).append("</td></tr>");
    }
    h.append("</table>");
  }

  /** The eval metric per epoch: eval_score (AUC, accuracy or RMSE), or eval_auc in runs written before it. */
  private static String evalChart(List<Map<String, Object>> epochs) {
    String key = epochs.get(0).containsKey("eval_score") ? "eval_score" : "eval_auc";
    return Chart.lines("Eval score per epoch (AUC, accuracy or RMSE by the model's head)", epochs, List.of(key));
  }

  private static void training(StringBuilder h, Artifact a, List<Map<String, Object>> epochs, List<String> tensorboard) {
    h.append("<h2>Training curves</h2>");
    if (epochs.isEmpty()) {
      h.append("<p class=\"empty\">No metrics.json in this model run.</p>");
    } else {
      h.append("<div class=\"charts\">").append(Chart.lines("Loss per epoch", epochs, List.of("train_loss", "eval_loss")))
          .append(evalChart(epochs)).append("</div>");
    }
    if (!tensorboard.isEmpty()) {
      h.append("<p>TensorBoard logs (<code>tensorboard --logdir ").append(Html.esc(a.uri())).append("logs</code>): ");
      tensorboard.forEach(f -> h.append(Html.link(ArtifactView.fileHref(a.id(), f), f)).append(' '));
      h.append("</p>");
    }
  }
}
