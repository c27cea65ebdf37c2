package io.beamline.core.statistics;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code FeatureStats.html}: a self-contained page (inline CSS and SVG, no scripts, no external
 * fonts) in the spirit of Facets Overview: a numeric table and a categorical table, one row per
 * feature and split so splits sit side by side (and the page's largest slices after them),
 * features missing or zero in over half their examples highlighted. Every value from the data is
 * HTML-escaped. Beside the model it renders, so StatisticsGen's pages and the dashboard's comparisons
 * (two spans side by side: rows named after their artifact and split) come from one renderer.
 */
public final class StatisticsHtml {
  private static final double HIGHLIGHT = 0.5;
  private static final int TOP_BARS = 5;
  /** Slices shown on a page, the largest first: the page stays readable and small. */
  static final int MAX_SLICES = 20;

  private StatisticsHtml() {}

  /** The page for {@code focus} with every split of {@code bySplit} (in order) beside it. */
  public static String render(String focus, Map<String, DatasetFeatureStatistics> bySplit) {
    return render(focus, bySplit, List.of());
  }

  /**
   * As above, with the largest {@value #MAX_SLICES} of {@code focus}'s slices as more rows (named
   * {@code <split> / <slice>}) after the splits, so a slice reads against its whole split.
   */
  public static String render(String focus, Map<String, DatasetFeatureStatistics> bySplit,
      List<DatasetFeatureStatistics> slices) {
    Map<String, DatasetFeatureStatistics> rows = new LinkedHashMap<>(bySplit);
    List<DatasetFeatureStatistics> largest = slices.stream()
        .sorted(Comparator.comparingLong(DatasetFeatureStatistics::numExamples).reversed()
            .thenComparing(DatasetFeatureStatistics::name))
        .limit(MAX_SLICES).toList();
    for (DatasetFeatureStatistics slice : largest) {
      rows.put(focus + " / " + slice.name(), slice);
    }
    String note = slices.isEmpty() ? "" : " Slices of " + focus + ": " + slices.size()
        + (slices.size() > MAX_SLICES ? " (the " + MAX_SLICES + " largest shown; all are in FeatureStats.json)" : "")
        + ".";
    return page(focus, bySplit, rows, note);
  }

  private static String page(String focus, Map<String, DatasetFeatureStatistics> bySplit,
      Map<String, DatasetFeatureStatistics> rows, String note) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Feature statistics: ")
        .append(escape(focus)).append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin-bottom:2em}")
        .append("th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right;vertical-align:middle}")
        .append("th{background:#f3f3f3}td.name{text-align:left;font-weight:bold}td.split{text-align:left}")
        .append(".warn{color:#b00020;font-weight:bold}td.top{text-align:left}")
        .append("</style></head><body>\n<h1>Feature statistics</h1>\n<p>Splits: ");
    for (Map.Entry<String, DatasetFeatureStatistics> e : bySplit.entrySet()) {
      h.append("<b>").append(escape(e.getKey())).append("</b> ").append(e.getValue().numExamples())
          .append(" examples; ");
    }
    h.append("highlighted: over ").append((int) (HIGHLIGHT * 100)).append("% missing or zero.")
        .append(escape(note)).append("</p>\n");
    TreeSet<String> numeric = new TreeSet<>();
    TreeSet<String> categorical = new TreeSet<>();
    for (DatasetFeatureStatistics stats : rows.values()) {
      for (FeatureNameStatistics f : stats.features()) {
        if (f.numStats() != null) {
          numeric.add(f.name());
        }
        if (f.stringStats() != null) {
          categorical.add(f.name());
        }
      }
    }
    numericTable(h, numeric, rows);
    categoricalTable(h, categorical, rows);
    return h.append("</body></html>\n").toString();
  }

  private static void numericTable(StringBuilder h, TreeSet<String> names, Map<String, DatasetFeatureStatistics> bySplit) {
    h.append("<h2>Numeric features (").append(names.size()).append(")</h2>\n<table><tr><th>feature</th><th>split</th>")
        .append("<th>count</th><th>missing</th><th>mean</th><th>std dev</th><th>zeros</th><th>min</th>")
        .append("<th>median</th><th>max</th><th>histogram</th></tr>\n");
    for (String name : names) {
      for (Map.Entry<String, DatasetFeatureStatistics> e : bySplit.entrySet()) {
        FeatureNameStatistics f = e.getValue().feature(name).orElse(null);
        h.append("<tr><td class=\"name\">").append(escape(name)).append("</td><td class=\"split\">")
            .append(escape(e.getKey())).append("</td>");
        if (f == null || f.numStats() == null) {
          h.append("<td colspan=\"9\">absent</td></tr>\n");
          continue;
        }
        NumericStatistics n = f.numStats();
        long count = f.commonStats().numNonMissing();
        long values = f.commonStats().totNumValues();
        h.append("<td>").append(count).append("</td>");
        percentCell(h, f.commonStats().numMissing(), e.getValue().numExamples());
        h.append(cell(n.mean())).append(cell(n.stdDev()));
        percentCell(h, n.numZeros(), values);
        h.append(cell(n.min())).append(cell(n.median())).append(cell(n.max())).append("<td>");
        n.histogram(Histogram.Type.STANDARD).ifPresent(hist -> histogramSvg(h, hist));
        h.append("</td></tr>\n");
      }
    }
    h.append("</table>\n");
  }

  private static void categoricalTable(StringBuilder h, TreeSet<String> names, Map<String, DatasetFeatureStatistics> bySplit) {
    h.append("<h2>Categorical features (").append(names.size()).append(")</h2>\n<table><tr><th>feature</th>")
        .append("<th>split</th><th>count</th><th>missing</th><th>unique</th><th>top values</th>")
        .append("<th>avg length</th></tr>\n");
    for (String name : names) {
      for (Map.Entry<String, DatasetFeatureStatistics> e : bySplit.entrySet()) {
        FeatureNameStatistics f = e.getValue().feature(name).orElse(null);
        h.append("<tr><td class=\"name\">").append(escape(name)).append("</td><td class=\"split\">")
            .append(escape(e.getKey())).append("</td>");
        if (f == null || f.stringStats() == null) {
          h.append("<td colspan=\"5\">absent</td></tr>\n");
          continue;
        }
        StringStatistics s = f.stringStats();
        h.append("<td>").append(f.commonStats().numNonMissing()).append("</td>");
        percentCell(h, f.commonStats().numMissing(), e.getValue().numExamples());
        h.append("<td>").append(s.approximate() ? "~" : "").append(s.unique()).append("</td><td class=\"top\">");
        topValuesSvg(h, s.topValues(), f.commonStats().totNumValues());
        h.append("</td>").append(cell(s.avgLength())).append("</tr>\n");
      }
    }
    h.append("</table>\n");
  }

  private static void percentCell(StringBuilder h, long part, long whole) {
    double share = whole == 0 ? 0 : (double) part / whole;
    h.append(share > HIGHLIGHT ? "<td class=\"warn\">" : "<td>")
        .append(String.format(Locale.ROOT, "%.1f%%", share * 100)).append("</td>");
  }

  private static String cell(Double v) {
    return "<td>" + (v == null ? "&ndash;" : format(v)) + "</td>";
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%d", (long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  private static void histogramSvg(StringBuilder h, Histogram hist) {
    double max = hist.buckets().stream().mapToDouble(Histogram.Bucket::sampleCount).max().orElse(0);
    int width = 12;
    h.append("<svg width=\"").append(width * Math.max(1, hist.buckets().size())).append("\" height=\"30\">");
    for (int i = 0; i < hist.buckets().size(); i++) {
      Histogram.Bucket b = hist.buckets().get(i);
      double height = max == 0 ? 0 : 28 * b.sampleCount() / max;
      h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#4a7ab5\">",
          i * width, 30 - height, width - 2, height))
          .append("<title>").append(escape(format(b.lowValue()) + " .. " + format(b.highValue()) + ": "
              + format(b.sampleCount()))).append("</title></rect>");
    }
    h.append("</svg>");
  }

  private static void topValuesSvg(StringBuilder h, List<StringStatistics.FreqAndValue> top, long total) {
    int shown = Math.min(TOP_BARS, top.size());
    h.append("<svg width=\"320\" height=\"").append(16 * Math.max(1, shown)).append("\">");
    for (int i = 0; i < shown; i++) {
      StringStatistics.FreqAndValue v = top.get(i);
      double width = total == 0 ? 0 : 120 * v.frequency() / total;
      h.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"#e08a2c\"/>",
          i * 16 + 2, width))
          .append(String.format(Locale.ROOT, "<text x=\"125\" y=\"%d\" font-size=\"11\">", i * 16 + 12))
          .append(escape(abbreviate(v.value()) + " (" + format(v.frequency()) + ")")).append("</text>");
    }
    h.append("</svg>");
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 39) + "\u2026";
  }

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
