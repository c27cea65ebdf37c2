package io.beamline.ui;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.monitoring.MetricRef;
import io.beamline.core.monitoring.StatisticRef;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.metadata.MetadataStore;
import io.beamline.monitor.Detection;
import io.beamline.monitor.Detector;
import io.beamline.monitor.Detectors;
import io.beamline.monitor.DriftSettings;
import io.beamline.monitor.DriftTests;
import io.beamline.monitor.WatchedSeries;
import io.beamline.orchestrator.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /history}: series of statistics and evaluation metrics over the spans in the store, each
 * drawn as a chart with the points a detector flags marked (what {@code beamline history} prints as a
 * table). Query: {@code stat} and {@code metric} (comma-separated references, e.g.
 * {@code fare:mean,fare:drift} and {@code auc@worst}), {@code detect} (e.g.
 * {@code relative_change(0.8,1.25)}), {@code pipeline}, {@code node}, {@code split} (default train),
 * {@code slice}. Without a series, the page is a form that builds the query.
 */
final class HistoryView {
  private HistoryView() {}

  /** The selection and what it found; the API twin's body. */
  record HistoryPage(String pipeline, String node, String split, String slice, String detector,
      List<WatchedSeries> series) {}

  static HistoryPage of(MetadataStore store, Query q) {
    String split = q.get("split") == null ? "train" : q.get("split");
    String slice = q.get("slice") == null ? DatasetFeatureStatistics.ALL_EXAMPLES : q.get("slice");
    List<WatchedSeries> series = new ArrayList<>();
    if (store == null) { // no store yet: the form alone
      return new HistoryPage(q.get("pipeline"), q.get("node"), split, slice, q.get("detect"), series);
    }
    try {
      Detector detector = q.get("detect") == null ? null : Detectors.parse(q.get("detect"));
      History history = History.of(store).withSpanDistance(DriftTests.spanDistance(DriftSettings.defaults()));
      if (q.get("pipeline") != null) {
        history = history.inPipeline(q.get("pipeline"));
      }
      if (q.get("node") != null) {
        history = history.ofNode(q.get("node"));
      }
      for (String ref : refs(q.get("stat"))) {
        series.add(WatchedSeries.of(history.statistic(StatisticRef.parse(ref), split, slice), detector));
      }
      for (String ref : refs(q.get("metric"))) {
        series.add(WatchedSeries.of(history.metric(MetricRef.parse(ref)), detector));
      }
    } catch (InvalidParameterException e) {
      // a reference or detector that does not parse is the request's fault: 400 with the reason
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return new HistoryPage(q.get("pipeline"), q.get("node"), split, slice, q.get("detect"), series);
  }

  private static List<String> refs(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String ref : text.split(",")) {
        if (!ref.isBlank()) {
          out.add(ref.trim());
        }
      }
    }
    return out;
  }

  static String html(HistoryPage p, Query q) {
    StringBuilder out = new StringBuilder("<h1>History</h1>").append(form(q));
    if (p.series().isEmpty()) {
      return out.append("<p class=\"facts\">Name a statistic (FEATURE:mean, std_dev, min, max, median, quantile=Q,"
          + " missing_fraction, unique, top_share=VALUE, avg_length, drift, or num_examples) or an evaluation metric"
          + " (auc, auc@SLICE, auc@worst), and a detector to mark anomalies.</p>").toString();
    }
    Map<String, String> api = new LinkedHashMap<>();
    for (String key : List.of("pipeline", "node", "split", "slice", "stat", "metric", "detect")) {
      if (q.get(key) != null) {
        api.put(key, q.get(key));
      }
    }
    out.append("<p class=\"facts\">").append(Html.link("/api/history" + Html.query(api), "JSON")).append("</p>");
    for (WatchedSeries w : p.series()) {
      if (w.points().isEmpty()) {
        out.append("<p class=\"facts\">").append(Html.esc(w.name())).append(": no statistics or evaluations in the"
            + " store for this selection</p>");
        continue;
      }
      out.append(Chart.series(w));
      if (!w.anomalies().isEmpty()) {
        out.append("<ul class=\"anomalies\">");
        for (Detection d : w.anomalies()) {
          out.append("<li>span ").append(w.points().get(d.index()).key()).append(": ").append(Html.esc(d.reason()))
              .append("</li>");
        }
        out.append("</ul>");
      }
    }
    return out.toString();
  }

  private static String form(Query q) {
    StringBuilder f = new StringBuilder("<form method=\"get\" action=\"/history\" class=\"facts\">");
    for (String[] field : new String[][] {{"pipeline", "pipeline"}, {"node", "node"}, {"stat", "fare:mean,fare:drift"},
        {"metric", "auc@worst"}, {"detect", "relative_change(0.8,1.25)"}, {"split", "train"}}) {
      f.append("<label>").append(field[0]).append(" <input name=\"").append(field[0]).append("\" placeholder=\"")
          .append(Html.esc(field[1])).append("\" value=\"").append(Html.esc(q.get(field[0]) == null ? "" : q.get(field[0])))
          .append("\"></label> ");
    }
    return f.append("<button type=\"submit\">Show</button></form>").toString();
  }
}
