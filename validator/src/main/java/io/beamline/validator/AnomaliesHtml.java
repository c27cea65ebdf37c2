package io.beamline.validator;

import io.beamline.core.anomalies.Anomalies;
import io.beamline.core.anomalies.AnomalyInfo;
import io.beamline.core.anomalies.DriftSkewInfo;
import io.beamline.core.anomalies.DriftSummary;
import io.beamline.core.anomalies.Measurement;
import io.beamline.core.anomalies.Reason;
import io.beamline.core.anomalies.Severity;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code anomalies.html}: one self-contained page (inline style, no scripts, no external resources),
 * every data-derived string escaped. A summary header (counts by severity, features affected, the
 * drift verdict), then one table per feature with its anomalies and its drift and skew measurements.
 * Hand-written rather than templated: a template engine would be a dependency for one page.
 */
final class AnomaliesHtml {
  private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:70em}"
      + "table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:4px 8px;"
      + "text-align:left;vertical-align:top}th{background:#f4f4f4}.ERROR{color:#b00}.WARNING{color:#a60}"
      + ".UNKNOWN{color:#666}.ok{color:#070}.summary td{font-weight:bold}h2{margin-top:1.5em}";

  private AnomaliesHtml() {}

  static String render(String split, Anomalies anomalies) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Anomalies: ")
        .append(esc(split)).append("</title><style>").append(STYLE).append("</style></head><body>\n")
        .append("<h1>Anomalies of split ").append(esc(split)).append("</h1>\n");
    summary(sb, anomalies);
    Map<String, DriftSkewInfo> drift = new LinkedHashMap<>();
    anomalies.driftSkewInfo().forEach(d -> drift.put(d.path(), d));
    if (anomalies.datasetAnomalyInfo() != null) {
      sb.append("<h2>Data set</h2>\n");
      reasons(sb, anomalies.datasetAnomalyInfo());
    }
    TreeSet<String> features = new TreeSet<>(anomalies.anomalyInfo().keySet());
    features.addAll(drift.keySet());
    for (String feature : features) {
      AnomalyInfo info = anomalies.anomalyInfo().get(feature);
      sb.append("<h2>Feature ").append(esc(feature));
      if (info != null) {
        sb.append(" <span class=\"").append(info.severity()).append("\">(").append(info.severity()).append(")</span>");
      }
      sb.append("</h2>\n");
      if (info != null) {
        reasons(sb, info);
      } else {
        sb.append("<p class=\"ok\">No anomalies.</p>\n");
      }
      DriftSkewInfo d = drift.get(feature);
      if (d != null) {
        sb.append("<table><tr><th>Comparison</th><th>Measure</th><th>Value</th><th>Threshold</th><th>Verdict</th>"
            + "</tr>\n");
        measurements(sb, "drift (vs previous span)", d.driftMeasurements());
        measurements(sb, "skew (vs serving)", d.skewMeasurements());
        sb.append("</table>\n");
      }
    }
    return sb.append("</body></html>\n").toString();
  }

  private static void summary(StringBuilder sb, Anomalies anomalies) {
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    int reasons = 0;
    for (AnomalyInfo a : anomalies.all()) {
      for (Reason r : a.reason()) {
        bySeverity.merge(r.severity(), 1, Integer::sum);
        reasons++;
      }
    }
    if (anomalies.isEmpty()) {
      sb.append("<p class=\"ok\">No anomalies: the data conforms to the schema.</p>\n");
    }
    sb.append("<table class=\"summary\"><tr><th>Anomalies</th><th>ERROR</th><th>WARNING</th><th>UNKNOWN</th>"
        + "<th>Features affected</th><th>Data set affected</th></tr>\n<tr><td>").append(reasons).append("</td>");
    for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.UNKNOWN}) {
      int n = bySeverity.getOrDefault(s, 0);
      sb.append("<td").append(n > 0 ? " class=\"" + s + "\"" : "").append('>').append(n).append("</td>");
    }
    sb.append("<td>").append(anomalies.anomalyInfo().size()).append("</td><td>")
        .append(anomalies.datasetAnomalyInfo() != null ? "yes" : "no").append("</td></tr>\n</table>\n");
    DriftSummary s = anomalies.driftSummary();
    if (s != null) {
      sb.append("<p>Drift verdict (auto): ").append(s.datasetDrifted() ? "<b class=\"ERROR\">drifted</b>" : "not drifted")
          .append(": ").append(s.driftedFeatures().size()).append(" of ").append(s.featuresEvaluated())
          .append(" features drifted (share ").append(SchemaChecks.fmt(s.driftedShare())).append(", threshold ")
          .append(SchemaChecks.fmt(s.shareThreshold())).append(')');
      if (!s.driftedFeatures().isEmpty()) {
        sb.append("; drifted: ").append(esc(String.join(", ", s.driftedFeatures())));
      }
      if (!s.skippedFeatures().isEmpty()) {
        sb.append("; not judged (too little data): ").append(esc(String.join(", ", s.skippedFeatures())));
      }
      sb.append(".</p>\n");
    }
  }

  private static void reasons(StringBuilder sb, AnomalyInfo info) {
    sb.append("<table><tr><th>Anomaly type</th><th>Severity</th><th>Short description</th><th>Description</th>"
        + "</tr>\n");
    for (Reason r : info.reason()) {
      sb.append("<tr><td>").append(r.type()).append("</td><td class=\"").append(r.severity()).append("\">")
          .append(r.severity()).append("</td><td>").append(esc(r.shortDescription())).append("</td><td>")
          .append(esc(r.description())).append("</td></tr>\n");
    }
    sb.append("</table>\n");
  }

  private static void measurements(StringBuilder sb, String kind, List<Measurement> ms) {
    for (Measurement m : ms) {
      sb.append("<tr><td>").append(kind).append("</td><td>").append(esc(m.type())).append("</td><td")
          .append(m.flagged() ? " class=\"ERROR\"" : "").append('>').append(SchemaChecks.fmt(m.value()))
          .append("</td><td>").append(m.threshold() == null ? "(reported only)" : SchemaChecks.fmt(m.threshold()))
          .append("</td><td>").append(m.threshold() == null ? "" : m.flagged() ? "<b class=\"ERROR\">over</b>" : "ok")
          .append("</td></tr>\n");
    }
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
