package io.beamline.evaluator;

import io.beamline.evaluator.metrics.MetricNames;
import io.beamline.evaluator.metrics.MetricsResult;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page of an {@link EvaluationReport}: validation outcome, overall metrics
 * (candidate and baseline, with intervals), a slice table sortable by any column, and per task ROC,
 * precision-recall and calibration plots (binary), the confusion matrix (multiclass) or the residual
 * histogram (regression) as inline SVG or tables. Every piece of data is HTML-escaped: slice names are feature
 * values, i.e. user data.
 */
final class EvaluationHtml {
  private static final int SIZE = 260;
  private static final int PAD = 30;
  private static final List<String> TABLE_METRICS = List.of(MetricNames.EXAMPLE_COUNT, MetricNames.AUC,
      MetricNames.AUC_PR, MetricNames.ACCURACY, MetricNames.PRECISION, MetricNames.RECALL,
      MetricNames.BINARY_CROSSENTROPY, MetricNames.CALIBRATION);
  private static final List<String> MULTICLASS_TABLE_METRICS = List.of(MetricNames.EXAMPLE_COUNT,
      MetricNames.ACCURACY, MetricNames.MACRO_F1, MetricNames.MACRO_AUC, MetricNames.CATEGORICAL_CROSSENTROPY);
  private static final List<String> REGRESSION_TABLE_METRICS = List.of(MetricNames.EXAMPLE_COUNT,
      MetricNames.ROOT_MEAN_SQUARED_ERROR, MetricNames.MEAN_ABSOLUTE_ERROR, MetricNames.MEAN_ABSOLUTE_PERCENTAGE_ERROR,
      MetricNames.R_SQUARED, MetricNames.CALIBRATION);

  private EvaluationHtml() {}

  static String render(EvaluationReport report) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Model evaluation</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{cursor:pointer;background:#eee}")
        .append("td:first-child{text-align:left}.ok{color:#070}.bad{color:#b00}svg{margin:0 1em 1em 0}")
        .append("</style></head><body>\n<h1>Model evaluation</h1>\n");
    h.append("<p>Candidate: ").append(esc(report.candidateModelUri())).append("<br>Baseline: ")
        .append(report.baselineModelUri() == null ? "none" : esc(report.baselineModelUri()))
        .append("<br>Data: ").append(esc(report.examplesUri())).append(" split ").append(esc(report.split()))
        .append("</p>\n");
    validation(h, report.validation());
    overall(h, report);
    MetricsResult c = report.overall().candidate();
    MetricsResult b = report.overall().baseline();
    if (c.classConfusion() != null) {
      classConfusion(h, c.classConfusion());
    } else if (!c.residualHistogram().isEmpty()) {
      residuals(h, c.residualHistogram());
      regressionCalibration(h, c.calibrationPlot());
    } else {
      h.append("<h2>Curves (overall)</h2>\n<div>");
      curve(h, "ROC", "false positive rate", "recall", c.roc(), b == null ? null : b.roc(), true);
      curve(h, "Precision-recall", "recall", "precision", c.pr(), b == null ? null : b.pr(), false);
      calibration(h, c);
      h.append("</div>\n");
    }
    slices(h, report, c.classConfusion() != null ? MULTICLASS_TABLE_METRICS
        : !c.residualHistogram().isEmpty() ? REGRESSION_TABLE_METRICS : TABLE_METRICS);
    h.append(SORT_SCRIPT).append("</body></html>\n");
    return h.toString();
  }

  private static void validation(StringBuilder h, ValidationResult v) {
    String css = v.validationOk() ? "ok" : "bad";
    h.append("<h2>Validation: <span class=\"").append(css).append("\">").append(v.status()).append("</span></h2>\n");
    if (!v.failures().isEmpty()) {
      h.append("<table><tr><th>metric</th><th>slice</th><th>threshold</th><th>value</th><th>baseline</th></tr>\n");
      for (ValidationResult.Failure f : v.failures()) {
        h.append("<tr><td>").append(esc(f.metric())).append("</td><td>").append(esc(f.slice())).append("</td><td>")
            .append(esc(f.threshold())).append("</td><td>").append(num(f.value())).append("</td><td>")
            .append(num(f.baselineValue())).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    for (String note : v.notes()) {
      h.append("<p>").append(esc(note)).append("</p>\n");
    }
  }

  private static void overall(StringBuilder h, EvaluationReport report) {
    EvaluationReport.SliceMetrics o = report.overall();
    h.append("<h2>Overall</h2>\n<table><tr><th>metric</th><th>candidate</th>");
    if (o.baseline() != null) {
      h.append("<th>baseline</th>");
    }
    h.append("</tr>\n");
    for (String m : new java.util.TreeSet<>(o.candidate().values().keySet())) {
      h.append("<tr><td>").append(esc(m)).append("</td><td>").append(num(o.candidate().values().get(m)));
      MetricsResult.ConfidenceInterval ci = o.candidate().confidenceIntervals().get(m);
      if (ci != null) {
        h.append(" [").append(num(ci.lower())).append(", ").append(num(ci.upper())).append("]");
      }
      h.append("</td>");
      if (o.baseline() != null) {
        h.append("<td>").append(num(o.baseline().values().get(m))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  /** Rows: actual class; columns: predicted class; cells: weight, shaded by the share of the row. */
  private static void classConfusion(StringBuilder h, MetricsResult.ClassConfusion m) {
    h.append("<h2>Confusion matrix (overall)</h2>\n<table><tr><th>actual \\ predicted</th>");
    for (String c : m.classes()) {
      h.append("<th>").append(esc(c)).append("</th>");
    }
    h.append("</tr>\n");
    for (int a = 0; a < m.classes().size(); a++) {
      List<Double> row = m.weights().get(a);
      double total = row.stream().mapToDouble(Double::doubleValue).sum();
      h.append("<tr><td>").append(esc(m.classes().get(a))).append("</td>");
      for (double w : row) {
        double share = total > 0 ? w / total : 0;
        h.append("<td style=\"background:rgba(31,95,191,").append(String.format(Locale.ROOT, "%.2f", share * 0.8))
            .append(")\">").append(num(w)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  /** Bars of the residual (label - prediction) buckets, in order. */
  private static void residuals(StringBuilder h, List<MetricsResult.HistogramBucket> buckets) {
    double max = buckets.stream().mapToDouble(MetricsResult.HistogramBucket::weight).max().orElse(1);
    int full = SIZE + 2 * PAD;
    double width = (double) SIZE / buckets.size();
    h.append("<h2>Residuals (overall)</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(full)
        .append("\" height=\"").append(full).append("\"><text x=\"").append(PAD)
        .append("\" y=\"16\" font-size=\"13\">label - prediction</text>");
    for (int i = 0; i < buckets.size(); i++) {
      MetricsResult.HistogramBucket b = buckets.get(i);
      double height = SIZE * b.weight() / max;
      h.append("<rect x=\"").append(String.format(Locale.ROOT, "%.1f", PAD + i * width)).append("\" y=\"")
          .append(String.format(Locale.ROOT, "%.1f", PAD + SIZE - height)).append("\" width=\"")
          .append(String.format(Locale.ROOT, "%.1f", Math.max(1, width - 1))).append("\" height=\"")
          .append(String.format(Locale.ROOT, "%.1f", height)).append("\" fill=\"#1f5fbf\"><title>")
          .append(esc(String.format(Locale.ROOT, "[%.4g, %.4g): weight %.1f", b.low(), b.high(), b.weight())))
          .append("</title></rect>");
    }
    h.append("</svg>\n");
  }

  /**
   * Mean label against mean prediction per prediction bucket, on axes spanning the points' own range
   * (a regression's values have no fixed scale), with the diagonal of a calibrated model.
   */
  private static void regressionCalibration(StringBuilder h, List<MetricsResult.CalibrationBucket> buckets) {
    if (buckets.isEmpty()) {
      return;
    }
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (MetricsResult.CalibrationBucket b : buckets) {
      lo = Math.min(lo, Math.min(b.meanPrediction(), b.meanLabel()));
      hi = Math.max(hi, Math.max(b.meanPrediction(), b.meanLabel()));
    }
    double span = hi > lo ? hi - lo : 1;
    int full = SIZE + 2 * PAD;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(full).append("\" height=\"").append(full)
        .append("\"><text x=\"").append(PAD).append("\" y=\"16\" font-size=\"13\">Calibration: mean label by mean"
            + " prediction (").append(String.format(Locale.ROOT, "%.4g to %.4g", lo, hi)).append(")</text><rect x=\"")
        .append(PAD).append("\" y=\"").append(PAD).append("\" width=\"").append(SIZE).append("\" height=\"").append(SIZE)
        .append("\" fill=\"none\" stroke=\"#333\"/><line x1=\"").append(x(0)).append("\" y1=\"").append(y(0))
        .append("\" x2=\"").append(x(1)).append("\" y2=\"").append(y(1)).append("\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>");
    for (MetricsResult.CalibrationBucket b : buckets) {
      h.append("<circle cx=\"").append(x((b.meanPrediction() - lo) / span)).append("\" cy=\"")
          .append(y((b.meanLabel() - lo) / span)).append("\" r=\"3\" fill=\"#1f5fbf\"><title>")
          .append(esc(String.format(Locale.ROOT, "predictions in [%.4g, %.4g): weight %.1f, mean prediction %.4g,"
              + " mean label %.4g", b.lower(), b.upper(), b.weight(), b.meanPrediction(), b.meanLabel())))
          .append("</title></circle>");
    }
    h.append("</svg>\n");
  }

  private static void slices(StringBuilder h, EvaluationReport report, List<String> columns) {
    h.append("<h2>Slices</h2>\n<p>").append(report.slices().size()).append(" reported; ")
        .append(report.hiddenSlices()).append(" with fewer than ").append(report.minSliceSize())
        .append(" examples not shown. Click a column to sort.</p>\n<table class=\"sortable\"><tr><th>slice</th>");
    for (String m : columns) {
      h.append("<th>").append(esc(m)).append("</th>");
    }
    h.append("</tr>\n");
    for (EvaluationReport.SliceMetrics s : report.slices()) {
      h.append("<tr><td>").append(esc(s.slice())).append("</td>");
      for (String m : columns) {
        h.append("<td>").append(num(s.candidate().values().get(m))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static void curve(StringBuilder h, String title, String xLabel, String yLabel,
      List<MetricsResult.CurvePoint> candidate, List<MetricsResult.CurvePoint> baseline, boolean diagonal) {
    frame(h, title, xLabel, yLabel);
    if (diagonal) {
      h.append("<line x1=\"").append(x(0)).append("\" y1=\"").append(y(0)).append("\" x2=\"").append(x(1))
          .append("\" y2=\"").append(y(1)).append("\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>");
    }
    if (baseline != null) {
      polyline(h, baseline, "#999");
    }
    polyline(h, candidate, "#1f5fbf");
    h.append("</svg>\n");
  }

  private static void calibration(StringBuilder h, MetricsResult c) {
    frame(h, "Calibration", "mean prediction", "mean label");
    h.append("<line x1=\"").append(x(0)).append("\" y1=\"").append(y(0)).append("\" x2=\"").append(x(1))
        .append("\" y2=\"").append(y(1)).append("\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>");
    for (MetricsResult.CalibrationBucket b : c.calibrationPlot()) {
      h.append("<circle cx=\"").append(x(b.meanPrediction())).append("\" cy=\"").append(y(b.meanLabel()))
          .append("\" r=\"3\" fill=\"#1f5fbf\"><title>").append(esc(String.format(Locale.ROOT,
              "[%.2f, %.2f): weight %.1f", b.lower(), b.upper(), b.weight()))).append("</title></circle>");
    }
    h.append("</svg>\n");
  }

  private static void frame(StringBuilder h, String title, String xLabel, String yLabel) {
    int full = SIZE + 2 * PAD;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(full).append("\" height=\"").append(full)
        .append("\"><text x=\"").append(PAD).append("\" y=\"16\" font-size=\"13\">").append(esc(title))
        .append("</text><rect x=\"").append(PAD).append("\" y=\"").append(PAD).append("\" width=\"").append(SIZE)
        .append("\" height=\"").append(SIZE).append("\" fill=\"none\" stroke=\"#333\"/><text x=\"").append(PAD)
        .append("\" y=\"").append(full - 8).append("\" font-size=\"11\">").append(esc(xLabel))
        .append(" (0-1)</text><text x=\"4\" y=\"").append(PAD + SIZE).append("\" font-size=\"11\" transform=\"rotate(-90 12 ")
        .append(PAD + SIZE).append(")\">").append(esc(yLabel)).append(" (0-1)</text>");
  }

  private static void polyline(StringBuilder h, List<MetricsResult.CurvePoint> points, String color) {
    h.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"");
    for (MetricsResult.CurvePoint p : points) {
      h.append(x(p.x())).append(',').append(y(p.y())).append(' ');
    }
    h.append("\"/>");
  }

  private static String x(double v) {
    return String.format(Locale.ROOT, "%.1f", PAD + v * SIZE);
  }

  private static String y(double v) {
    return String.format(Locale.ROOT, "%.1f", PAD + (1 - v) * SIZE);
  }

  private static String num(Double v) {
    if (v == null) {
      return "&ndash;";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  /** Sorts a table by the clicked column: numerically when both cells are numbers, else as text. */
  private static final String SORT_SCRIPT = """
      <script>
      document.querySelectorAll('table.sortable th').forEach(function (th, col) {
        th.addEventListener('click', function () {
          var table = th.closest('table');
          var rows = Array.from(table.rows).slice(1);
          var asc = th.dataset.asc !== 'true';
          th.dataset.asc = asc;
          rows.sort(function (a, b) {
            var x = a.cells[col].textContent, y = b.cells[col].textContent;
            var nx = parseFloat(x), ny = parseFloat(y);
            var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
            return asc ? c : -c;
          });
          rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
        });
      });
      </script>
      """;
}
