package io.beamline.ui;

import io.beamline.core.monitoring.SeriesPoint;
import io.beamline.monitor.Detection;
import io.beamline.monitor.WatchedSeries;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small SVG line charts: series over epochs or spans, with the axes' ranges written at their ends. */
final class Chart {
  private static final int W = 420;
  private static final int H = 220;
  private static final int PAD = 36;
  private static final List<String> COLORS = List.of("#1a73e8", "#e8710a", "#188038");

  private Chart() {}

  static String lines(String title, List<Map<String, Object>> rows, List<String> series) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (Map<String, Object> r : rows) {
      for (String s : series) {
        if (r.get(s) instanceof Double d && Double.isFinite(d)) {
          min = Math.min(min, d);
          max = Math.max(max, d);
        }
      }
    }
    if (min > max) {
      return "";
    }
    if (max - min < 1e-9) {
      max = min + 1;
    }
    int n = rows.size();
    StringBuilder s = frame(title, min, max, "epoch 1", "epoch " + n);
    for (int i = 0; i < series.size(); i++) {
      StringBuilder pts = new StringBuilder();
      for (int j = 0; j < n; j++) {
        if (rows.get(j).get(series.get(i)) instanceof Double d && Double.isFinite(d)) {
          double x = PAD + (n == 1 ? 0 : (double) j / (n - 1)) * (W - PAD - 10);
          double y = 10 + (1 - (d - min) / (max - min)) * (H - PAD - 10);
          pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
      }
      String color = COLORS.get(i % COLORS.size());
      s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"")
          .append(pts.toString().trim()).append("\"/>")
          .append("<text x=\"").append(W - 150).append("\" y=\"").append(26 + 14 * i).append("\" fill=\"").append(color)
          .append("\" font-size=\"12\">").append(Html.esc(series.get(i))).append("</text>");
    }
    return s.append("</svg></figure>").toString();
  }

  /**
   * A series over spans with its anomalies marked: each point a dot (its span and value as a
   * tooltip), each flagged point a red ring with the detector's reason as its tooltip and the range
   * it expected drawn as a green bar at that span.
   */
  static String series(WatchedSeries w) {
    List<SeriesPoint> points = w.points();
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (SeriesPoint p : points) {
      if (Double.isFinite(p.value())) {
        min = Math.min(min, p.value());
        max = Math.max(max, p.value());
      }
    }
    for (Detection d : w.anomalies()) {
      for (double bound : new double[] {d.lower(), d.upper()}) {
        if (Double.isFinite(bound) && min <= max) {
          min = Math.min(min, bound);
          max = Math.max(max, bound);
        }
      }
    }
    String title = w.name() + (w.detector() == null ? "" : " ~ " + w.detector());
    if (min > max) {
      return "<p class=\"facts\">" + Html.esc(title) + ": no values</p>";
    }
    if (max - min < 1e-9) {
      max = min + 1;
    }
    double lo = min;
    double span = max - min;
    int n = points.size();
    java.util.function.IntToDoubleFunction x = j -> PAD + (n == 1 ? 0 : (double) j / (n - 1)) * (W - PAD - 10);
    java.util.function.DoubleUnaryOperator y = v -> 10 + (1 - (v - lo) / span) * (H - PAD - 10);
    StringBuilder s = frame(title, min, max, "span " + points.get(0).key(), "span " + points.get(n - 1).key());
    StringBuilder line = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int j = 0; j < n; j++) {
      double v = points.get(j).value();
      if (Double.isFinite(v)) {
        line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(j), y.applyAsDouble(v)));
        dots.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">"
            + "<title>span %d: %s</title></circle>", x.applyAsDouble(j), y.applyAsDouble(v), COLORS.get(0),
            points.get(j).key(), Html.esc(fmt(v))));
      }
    }
    s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(COLORS.get(0)).append("\" points=\"")
        .append(line.toString().trim()).append("\"/>").append(dots);
    for (Detection d : w.anomalies()) {
      double cx = x.applyAsDouble(d.index());
      if (Double.isFinite(d.lower()) || Double.isFinite(d.upper())) {
        double top = y.applyAsDouble(Double.isFinite(d.upper()) ? d.upper() : max);
        double bottom = y.applyAsDouble(Double.isFinite(d.lower()) ? d.lower() : min);
        s.append(String.format(Locale.ROOT, "<line class=\"expected\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
            + " stroke=\"#188038\" stroke-width=\"4\" opacity=\"0.5\"/>", cx, top, cx, bottom));
      }
      s.append(String.format(Locale.ROOT, "<circle class=\"anomaly\" cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"none\""
          + " stroke=\"#d93025\" stroke-width=\"2\"><title>%s</title></circle>", cx, y.applyAsDouble(d.value()),
          Html.esc("span " + points.get(d.index()).key() + ": " + d.reason())));
    }
    return s.append("</svg></figure>").toString();
  }

  /** The figure's caption, the plot's box, the y range at its ends and the x axis' first and last labels. */
  private static StringBuilder frame(String title, double min, double max, String firstX, String lastX) {
    return new StringBuilder("<figure class=\"chart\"><figcaption>").append(Html.esc(title))
        .append("</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"")
        .append(H).append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\">")
        .append("<rect x=\"").append(PAD).append("\" y=\"10\" width=\"").append(W - PAD - 10).append("\" height=\"")
        .append(H - PAD - 10).append("\" fill=\"none\" stroke=\"#ccc\"/>")
        .append(label(4, 20, fmt(max))).append(label(4, H - PAD, fmt(min)))
        .append(label(PAD, H - 12, firstX)).append(label(W - 70, H - 12, lastX));
  }

  private static String label(int x, int y, String text) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"11\" fill=\"#555\">" + Html.esc(text) + "</text>";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
