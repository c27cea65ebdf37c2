package io.beamline.cli;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.anomalies.AnomaliesJson;
import io.beamline.core.anomalies.AnomalyInfo;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.StatisticsJson;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Short human-readable accounts of artifacts, printed by the component commands and the demo. Every
 * path, name and property value goes through {@link TerminalText#escape}: they come from data
 * files and artifacts, not from us.
 */
final class Summaries {
  private Summaries() {}

  static void examples(PrintWriter out, ResolvedArtifact examples) {
    out.println("Examples:   " + esc(examples.uri()));
    var props = examples.properties();
    if (props.has(PropertyNames.SPLIT_COUNTS)) {
      props.getMap(PropertyNames.SPLIT_COUNTS).forEach((split, count) ->
          out.printf("  %-8s %,d examples%n", esc(split), ((Number) count).longValue()));
    }
    if (props.has(PropertyNames.FEATURE_TYPES)) {
      Map<String, Integer> byType = new TreeMap<>();
      props.getMap(PropertyNames.FEATURE_TYPES).values().forEach(t -> byType.merge(String.valueOf(t), 1, Integer::sum));
      out.println("  " + props.getMap(PropertyNames.FEATURE_TYPES).size() + " features: " + esc(byType));
    }
  }

  static void rejects(PrintWriter out, ResolvedArtifact rejects) {
    var props = rejects.properties();
    long rejected = props.has(PropertyNames.REJECT_COUNT) ? props.getLong(PropertyNames.REJECT_COUNT) : 0;
    out.printf("Rejects:    %,d rejected rows", rejected);
    out.println(rejected > 0 ? " in " + esc(ArtifactUris.child(rejects.uri(), "rejects.jsonl")) : "");
  }

  static void statistics(PrintWriter out, ResolvedArtifact statistics) {
    out.println("Statistics: " + esc(statistics.uri()));
    var props = statistics.properties();
    if (props.has(PropertyNames.SPLIT_NAMES)) {
      for (String split : props.getStringList("split_names")) {
        out.printf("  %-8s %s%n", esc(split),
            esc(ArtifactUris.child(ExamplesLayout.splitDir(statistics.uri(), split), StatisticsJson.HTML_FILE_NAME)));
      }
    }
  }

  static void schema(PrintWriter out, ResolvedArtifact schema) {
    out.println("Schema:     " + esc(ArtifactUris.child(schema.uri(), SchemaText.FILE_NAME)));
  }

  /** Prints the anomaly count and page of each split; returns whether any anomaly is an ERROR. */
  static boolean anomalies(PrintWriter out, ResolvedArtifact anomalies) {
    out.println("Anomalies:  " + esc(anomalies.uri()));
    var props = anomalies.properties();
    Map<String, Object> counts = props.has(PropertyNames.ANOMALY_COUNT) ? props.getMap(PropertyNames.ANOMALY_COUNT) : Map.of();
    if (props.has(PropertyNames.SPLIT_NAMES)) {
      for (String split : props.getStringList(PropertyNames.SPLIT_NAMES)) {
        String page = ArtifactUris.child(ExamplesLayout.splitDir(anomalies.uri(), split), AnomaliesJson.HTML_FILE_NAME);
        out.printf("  %-8s %s anomalies  %s%n", esc(split), esc(counts.getOrDefault(split, 0L)), esc(page));
        for (AnomalyInfo a : AnomaliesJson.read(AnomaliesJson.splitFile(anomalies.uri(), split)).all()) {
          out.println("           " + a.severity() + " " + esc(a.path()) + ": " + esc(a.shortDescription()));
        }
      }
    }
    return props.has(PropertyNames.HAS_ERRORS) && props.getBoolean(PropertyNames.HAS_ERRORS);
  }

  static void evaluation(PrintWriter out, ResolvedArtifact evaluation, ResolvedArtifact blessing) {
    var props = evaluation.properties();
    out.println("Evaluation: " + esc(ArtifactUris.child(evaluation.uri(), props.has(PropertyNames.HTML_FILE)
        ? props.getString(PropertyNames.HTML_FILE) : "")));
    if (props.has(PropertyNames.OVERALL)) {
      Map<String, Object> overall = props.getMap(PropertyNames.OVERALL);
      StringBuilder line = new StringBuilder("  overall ");
      for (String metric : new String[] {"example_count", "auc", "auc_pr", "accuracy", "binary_crossentropy",
          "macro_f1", "macro_auc", "categorical_crossentropy", "root_mean_squared_error", "mean_absolute_error",
          "r_squared"}) {
        Object v = overall.get(metric);
        if (v instanceof Number n) {
          boolean whole = n.doubleValue() == Math.rint(n.doubleValue());
          line.append(' ').append(metric).append('=').append(whole
              ? String.valueOf(n.longValue()) : String.format(java.util.Locale.ROOT, "%.4f", n.doubleValue()));
        }
      }
      out.println(line);
    }
    if (props.has(PropertyNames.HIDDEN_SLICES) && props.getLong(PropertyNames.HIDDEN_SLICES) > 0) {
      out.println("  " + props.getLong(PropertyNames.HIDDEN_SLICES) + " slices smaller than min_slice_size not reported");
    }
    var b = blessing.properties();
    out.println("Blessing:   " + (b.has(PropertyNames.BLESSED) && b.getBoolean(PropertyNames.BLESSED) ? "BLESSED" : "NOT_BLESSED")
        + (b.has(PropertyNames.BASELINE_MODEL_ID) ? " against baseline model " + b.getLong(PropertyNames.BASELINE_MODEL_ID) : "")
        + (b.has(PropertyNames.MESSAGE) ? "  " + esc(b.getString(PropertyNames.MESSAGE)) : ""));
  }

  static void pushed(PrintWriter out, ResolvedArtifact pushed) {
    var props = pushed.properties();
    if (props.has(PropertyNames.PUSHED) && props.getBoolean(PropertyNames.PUSHED)) {
      out.println("Pushed:     version " + props.getLong(PropertyNames.VERSION) + " to " + esc(props.getString(PropertyNames.DESTINATION)));
    } else {
      out.println("Not pushed: " + (props.has(PropertyNames.REASON) ? esc(props.getString(PropertyNames.REASON)) : "-"));
    }
  }

  static void model(PrintWriter out, ResolvedArtifact model, ResolvedArtifact run) {
    var props = model.properties();
    out.println("Model:      " + esc(ArtifactUris.child(model.uri(), "Format-Serving")));
    // Models from before eval_score carry only eval_auc (binary heads were the only ones then).
    String metric = props.has(PropertyNames.EVAL_METRIC) ? props.getString(PropertyNames.EVAL_METRIC) : "auc";
    String score = props.has(PropertyNames.EVAL_SCORE) ? PropertyNames.EVAL_SCORE : PropertyNames.EVAL_AUC;
    if (props.has(score)) {
      out.printf(java.util.Locale.ROOT, "  %s, %d features, eval %s %.4f, eval loss %.4f, %d epochs%n",
          esc(props.getString(PropertyNames.MODEL_TYPE)), props.getStringList("features").size(),
          metric.equals("auc") || metric.equals("rmse") ? metric.toUpperCase(java.util.Locale.ROOT) : esc(metric),
          props.getDouble(score), props.getDouble(PropertyNames.EVAL_LOSS), props.getLong(PropertyNames.EPOCHS_RUN));
    }
    out.println("Training:   " + esc(ArtifactUris.child(run.uri(), "logs")) + "  (tensorboard --logdir)");
  }

  /** The {@code n} reported slices with the lowest AUC, from the evaluation's metrics.json. */
  static void worstSlices(PrintWriter out, ResolvedArtifact evaluation, int n) {
    com.fasterxml.jackson.databind.JsonNode report = io.beamline.core.monitoring.SeriesReader.metricsJson(evaluation);
    java.util.List<com.fasterxml.jackson.databind.JsonNode> slices = new java.util.ArrayList<>();
    report.path("slices").forEach(slice -> {
      if (slice.path("candidate").path("values").has("auc") && !"Overall".equals(slice.path("slice").asText())) {
        slices.add(slice);
      }
    });
    slices.sort(java.util.Comparator.comparingDouble(s -> s.path("candidate").path("values").path("auc").asDouble()));
    if (slices.isEmpty()) {
      return;
    }
    out.println("  worst slices by AUC:");
    for (var slice : slices.subList(0, Math.min(n, slices.size()))) {
      var values = slice.path("candidate").path("values");
      out.printf(java.util.Locale.ROOT, "    %-28s auc=%.4f  examples=%d%n", esc(slice.path("slice").asText()),
          values.path("auc").asDouble(), values.path("example_count").asLong());
    }
  }

  private static String esc(Object value) {
    return TerminalText.escape(value);
  }
}
