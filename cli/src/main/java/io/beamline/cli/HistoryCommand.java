package io.beamline.cli;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import io.beamline.core.monitoring.MetricRef;
import io.beamline.core.monitoring.Series;
import io.beamline.core.monitoring.StatisticRef;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.monitor.Detection;
import io.beamline.monitor.WatchedSeries;
import io.beamline.monitor.Detectors;
import io.beamline.monitor.DriftSettings;
import io.beamline.monitor.DriftTests;
import io.beamline.orchestrator.History;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code beamline history}: series of statistics and metrics over the store's spans. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = {"Print the series of feature statistics and evaluation metrics over the spans in the store,"
        + " as a table, JSON or CSV; with --detect, mark the points a detector finds anomalous.",
        "Statistics: FEATURE:mean|std_dev|min|max|median|missing_fraction|unique|avg_length|drift,"
            + " FEATURE:quantile=0.9, FEATURE:top_share=VALUE, num_examples.",
        "Metrics: METRIC (Overall), METRIC@SLICE, METRIC@worst."},
    footer = {"", "Example:",
        "  beamline history --pipeline chicago_taxi --node StatisticsGen --stat fare:mean --stat fare:drift",
        "  beamline history --pipeline chicago_taxi --metric auc --metric auc@worst --format csv",
        "  beamline history --stat fare:mean --detect 'online_normal(3,3)' --format json"})
final class HistoryCommand implements Callable<Integer> {
  @Mixin HomeOption home;
  @Spec CommandSpec spec;

  @Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline's artifacts.")
  String pipeline;

  @Option(names = "--node", paramLabel = "NODE", description = "Only artifacts this node of the pipeline wrote.")
  String node;

  @Option(names = "--stat", paramLabel = "FEATURE:STAT", description = "A statistic series (repeatable).")
  List<String> stats = new ArrayList<>();

  @Option(names = "--metric", paramLabel = "METRIC[@SLICE]", description = "A metric series (repeatable).")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train", description = "The statistics' split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--slice", paramLabel = "SLICE", defaultValue = DatasetFeatureStatistics.ALL_EXAMPLES,
      description = "The statistics' slice (default: the whole split).")
  String slice;

  @Option(names = "--detect", paramLabel = "DETECTOR", description = "Run this detector over every series, e.g. 'relative_change(0.8,1.25)'.")
  String detector;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    try {
      return history();
    } catch (InvalidParameterException e) {
      // a series, detector or format that does not parse is bad usage (exit 2), like a bad option
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private int history() {
    if (stats.isEmpty() && metrics.isEmpty()) {
      throw new InvalidParameterException("history needs at least one --stat or --metric, e.g. --stat fare:mean");
    }
    if (!List.of("table", "json", "csv").contains(format)) {
      throw new InvalidParameterException("--format must be table, json or csv, got '" + format + "'");
    }
    List<StatisticRef> statRefs = stats.stream().map(StatisticRef::parse).toList();
    List<MetricRef> metricRefs = metrics.stream().map(MetricRef::parse).toList();
    var detect = detector == null ? null : Detectors.parse(detector);
    PrintWriter out = spec.commandLine().getOut();
    BeamlineHome h = home.resolve();
    return h.query(out, "No history yet: there is no store at " + TerminalText.escape(h.storeFile()) + ".", store -> {
      History history = History.of(store).withSpanDistance(DriftTests.spanDistance(DriftSettings.defaults()));
      if (pipeline != null) {
        history = history.inPipeline(pipeline);
      }
      if (node != null) {
        history = history.ofNode(node);
      }
      List<Series> series = new ArrayList<>();
      for (StatisticRef ref : statRefs) {
        series.add(history.statistic(ref, split, slice));
      }
      for (MetricRef ref : metricRefs) {
        series.add(history.metric(ref));
      }
      List<WatchedSeries> views = series.stream().map(s -> WatchedSeries.of(s, detect)).toList();
      switch (format) {
        case "json" -> out.println(Json.writePretty(Map.of("series", views)));
        case "csv" -> csv(out, series);
        default -> table(out, series, views);
      }
      return 0;
    });
  }

  private static void csv(PrintWriter out, List<Series> series) {
    StringBuilder header = new StringBuilder("span");
    series.forEach(s -> header.append(',').append(quote(s.name())));
    out.println(header);
    History.align(series).forEach((key, row) -> {
      StringBuilder line = new StringBuilder(Long.toString(key));
      for (double v : row) {
        line.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
      }
      out.println(line);
    });
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static void table(PrintWriter out, List<Series> series, List<WatchedSeries> views) {
    if (series.stream().allMatch(s -> s.size() == 0)) {
      out.println("No statistics or evaluations in the store for this selection.");
      return;
    }
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-6s", "SPAN"));
    series.forEach(s -> header.append(String.format(Locale.ROOT, " %20s", TerminalText.escape(s.name()))));
    out.println(header);
    Map<Long, double[]> rows = History.align(series);
    rows.forEach((key, row) -> {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-6d", key));
      for (int i = 0; i < row.length; i++) {
        boolean flagged = flagged(series.get(i), views.get(i), key);
        line.append(String.format(Locale.ROOT, " %19s%s", Double.isNaN(row[i]) ? "-" : String.format(Locale.ROOT, "%.6g", row[i]),
            flagged ? "*" : " "));
      }
      out.println(line);
    });
    for (WatchedSeries v : views) {
      for (Detection d : v.anomalies()) {
        out.println("* " + TerminalText.escape(v.name()) + " at span " + v.points().get(d.index()).key() + ": "
            + TerminalText.escape(d.reason()));
      }
    }
  }

  private static boolean flagged(Series s, WatchedSeries view, long key) {
    return view.anomalies().stream().anyMatch(d -> s.points().get(d.index()).key() == key);
  }
}
