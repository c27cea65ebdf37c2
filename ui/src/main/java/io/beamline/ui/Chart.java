package io.beamline.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A small SVG line chart: y series over the epoch, with the axes' ranges written at their ends. */
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
    StringBuilder s = new StringBuilder("<figure class=\"chart\"><figcaption>").append(Html.esc(title))
        .append("</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"")
        .append(H).append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\">")
        .append("<rect x=\"").append(PAD).append("\" y=\"10\" width=\"").append(W - PAD - 10).append("\" height=\"")
        .append(H - PAD - 10).append("\" fill=\"none\" stroke=\"#ccc\"/>")
        .append(label(4, 20, fmt(max))).append(label(4, H - PAD, fmt(min)))
        .append(label(PAD, H - 12, "epoch 1")).append(label(W - 70, H - 12, "epoch " + n));
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

  private static String label(int x, int y, String text) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"11\" fill=\"#555\">" + Html.esc(text) + "</text>";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
