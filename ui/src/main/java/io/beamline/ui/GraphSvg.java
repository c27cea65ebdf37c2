package io.beamline.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directed acyclic graph drawn as SVG, left to right: each node in the column of its longest path
 * from a source, edges as arrows, each node a link (click to move). Used for a run's steps and for
 * lineage. Hand-written (a layered layout in a few lines) rather than a JavaScript graph library:
 * the pages carry no script, so the Content-Security-Policy can forbid all of it.
 */
final class GraphSvg {
  private static final int W = 160;
  private static final int H = 46;
  private static final int GAP_X = 36;
  private static final int GAP_Y = 18;

  /**
   * @param key unique within the graph
   * @param title first line (bold)
   * @param subtitle second line
   * @param cssClass colours the box (e.g. {@code s-COMPLETE}, {@code artifact})
   * @param href where a click goes
   * @param selected drawn with a thick border
   */
  record Node(String key, String title, String subtitle, String cssClass, String href, boolean selected) {}

  record Edge(String from, String to) {}

  private GraphSvg() {}

  static String render(List<Node> nodes, List<Edge> edges, String label) {
    Map<String, Integer> column = columns(nodes, edges);
    Map<Integer, Integer> rowsUsed = new HashMap<>();
    Map<String, int[]> at = new LinkedHashMap<>();
    int maxX = 0;
    int maxY = 0;
    for (Node n : nodes) {
      int c = column.get(n.key());
      int r = rowsUsed.merge(c, 1, Integer::sum) - 1;
      int x = 10 + c * (W + GAP_X);
      int y = 10 + r * (H + GAP_Y);
      at.put(n.key(), new int[] {x, y});
      maxX = Math.max(maxX, x + W);
      maxY = Math.max(maxY, y + H);
    }
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"")
        .append(Html.esc(label)).append("\" width=\"").append(maxX + 10).append("\" height=\"").append(maxY + 10)
        .append("\" viewBox=\"0 0 ").append(maxX + 10).append(' ').append(maxY + 10).append("\">")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
            + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#777\"/></marker></defs>");
    for (Edge e : edges) {
      int[] a = at.get(e.from());
      int[] b = at.get(e.to());
      if (a == null || b == null) {
        continue;
      }
      s.append("<line class=\"edge\" x1=\"").append(a[0] + W).append("\" y1=\"").append(a[1] + H / 2)
          .append("\" x2=\"").append(b[0]).append("\" y2=\"").append(b[1] + H / 2)
          .append("\" stroke=\"#777\" marker-end=\"url(#arrow)\"/>");
    }
    for (Node n : nodes) {
      int[] p = at.get(n.key());
      s.append("<a href=\"").append(Html.esc(n.href())).append("\" class=\"gnode\" data-key=\"")
          .append(Html.esc(n.key())).append("\"><g class=\"").append(Html.esc(n.cssClass()))
          .append(n.selected() ? " selected" : "").append("\"><title>").append(Html.esc(n.title() + " " + n.subtitle()))
          .append("</title><rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(W)
          .append("\" height=\"").append(H).append("\" rx=\"6\"/><text x=\"").append(p[0] + 8).append("\" y=\"")
          .append(p[1] + 19).append("\" class=\"t1\">").append(Html.esc(clip(n.title())))
          .append("</text><text x=\"").append(p[0] + 8).append("\" y=\"").append(p[1] + 37).append("\" class=\"t2\">")
          .append(Html.esc(clip(n.subtitle()))).append("</text></g></a>");
    }
    return s.append("</svg>").toString();
  }

  /** Longest path from a source; a node on a cycle (none in a store's lineage) stays where it is reached. */
  static Map<String, Integer> columns(List<Node> nodes, List<Edge> edges) {
    Map<String, List<String>> out = new HashMap<>();
    Map<String, Integer> indegree = new LinkedHashMap<>();
    nodes.forEach(n -> indegree.put(n.key(), 0));
    for (Edge e : edges) {
      if (indegree.containsKey(e.from()) && indegree.containsKey(e.to())) {
        out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        indegree.merge(e.to(), 1, Integer::sum);
      }
    }
    Map<String, Integer> column = new HashMap<>();
    List<String> ready = new ArrayList<>();
    indegree.forEach((k, d) -> {
      if (d == 0) {
        ready.add(k);
      }
    });
    for (int i = 0; i < ready.size(); i++) {
      String k = ready.get(i);
      int c = column.getOrDefault(k, 0);
      column.putIfAbsent(k, 0);
      for (String next : out.getOrDefault(k, List.of())) {
        column.merge(next, c + 1, Math::max);
        if (indegree.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    nodes.forEach(n -> column.putIfAbsent(n.key(), 0));
    return column;
  }

  private static String clip(String s) {
    return s.length() <= 22 ? s : s.substring(0, 21) + "\u2026";
  }
}
