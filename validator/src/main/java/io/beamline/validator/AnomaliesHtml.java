package io.beamline.validator;

import io.beamline.core.anomalies.Anomalies;
import io.beamline.core.anomalies.AnomalyInfo;
import io.beamline.core.anomalies.DriftSkewInfo;
import io.beamline.core.anomalies.Measurement;
import io.beamline.core.anomalies.Reason;

/** {@code anomalies.html}: one self-contained page (no scripts, no external resources), all data escaped. */
final class AnomaliesHtml {
  private AnomaliesHtml() {}

  static String render(String split, Anomalies anomalies) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Anomalies: ")
        .append(esc(split)).append("</title><style>body{font-family:sans-serif;margin:2em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
            + ".ERROR{color:#b00}.WARNING{color:#a60}</style></head><body>\n<h1>Anomalies of split ")
        .append(esc(split)).append("</h1>\n");
    if (anomalies.isEmpty()) {
      sb.append("<p>No anomalies: the data conforms to the schema.</p>\n");
    } else {
      sb.append("<table><tr><th>Feature</th><th>Type</th><th>Severity</th><th>Description</th></tr>\n");
      for (AnomalyInfo a : anomalies.all()) {
        for (Reason r : a.reason()) {
          sb.append("<tr><td>").append(esc(a.path().isEmpty() ? "(dataset)" : a.path())).append("</td><td>")
              .append(r.type()).append("</td><td class=\"").append(r.severity()).append("\">")
              .append(r.severity()).append("</td><td>").append(esc(r.description())).append("</td></tr>\n");
        }
      }
      sb.append("</table>\n");
    }
    if (!anomalies.driftSkewInfo().isEmpty()) {
      sb.append("<h2>Drift and skew</h2>\n<table><tr><th>Feature</th><th>Kind</th><th>Measure</th><th>Value</th>"
          + "<th>Threshold</th></tr>\n");
      for (DriftSkewInfo d : anomalies.driftSkewInfo()) {
        rows(sb, d.path(), "drift", d.driftMeasurements());
        rows(sb, d.path(), "skew", d.skewMeasurements());
      }
      sb.append("</table>\n");
    }
    if (anomalies.driftSummary() != null) {
      var s = anomalies.driftSummary();
      sb.append("<p>Drift verdict: ").append(s.datasetDrifted() ? "<b>drifted</b>" : "not drifted").append(" (")
          .append(s.driftedFeatures().size()).append(" of ").append(s.featuresEvaluated())
          .append(" features drifted; threshold share ").append(s.shareThreshold()).append(")</p>\n");
    }
    return sb.append("</body></html>\n").toString();
  }

  private static void rows(StringBuilder sb, String feature, String kind, java.util.List<Measurement> ms) {
    for (Measurement m : ms) {
      sb.append("<tr><td>").append(esc(feature)).append("</td><td>").append(kind).append("</td><td>")
          .append(esc(m.type())).append("</td><td").append(m.flagged() ? " class=\"ERROR\"" : "").append(">")
          .append(SchemaChecks.fmt(m.value())).append("</td><td>")
          .append(m.threshold() == null ? "(reported only)" : SchemaChecks.fmt(m.threshold())).append("</td></tr>\n");
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
