package io.beamline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.monitoring.SeriesReader;
import io.beamline.evaluator.Evaluator;
import io.beamline.metadata.MetadataStore;
import io.beamline.monitor.Detection;
import io.beamline.monitor.Monitor;
import io.beamline.monitor.MonitorReport;
import io.beamline.orchestrator.LocalOrchestrator;
import io.beamline.orchestrator.NodeResult;
import io.beamline.orchestrator.NodeState;
import io.beamline.orchestrator.PipelineRunResult;
import io.beamline.trainer.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code beamline demo --spans N}: the taxi data as N consecutive spans with a shift injected from a
 * later span on ({@link TaxiSpans}), the monitored pipeline run span after span
 * ({@link TaxiSpansPipeline}), and per span: whether it drifted and which features, which detectors
 * fired, whether the model was retrained and why, and the AUC of the model in service overall and
 * on its worst slice.
 */
final class SpansDemo {
  private final PrintWriter out;
  private final BeamlineHome home;
  private final List<String> beamArgs;
  private final boolean caching;

  SpansDemo(PrintWriter out, BeamlineHome home, List<String> beamArgs, boolean caching) {
    this.out = out;
    this.home = home;
    this.beamArgs = beamArgs;
    this.caching = caching;
  }

  /** Runs every span; returns the exit code. */
  int run(Path csv, int spans, int shiftFrom, PrintWriter err) {
    String pattern = TaxiSpans.write(csv, home.dir().resolve("spans"), spans, shiftFrom);
    out.printf(Locale.ROOT, "%d spans of the taxi trips by start time in %s; from span %d on, fares x%s and a new"
        + " payment type '%s' for one cash trip in three%n", spans, TerminalText.escape(home.dir().resolve("spans")),
        shiftFrom, TaxiSpans.FARE_SCALE, TaxiSpans.NEW_PAYMENT_TYPE);
    out.flush();
    List<String> rows = new ArrayList<>();
    try (MetadataStore store = home.openStore()) {
      LocalOrchestrator orchestrator = LocalOrchestrator.using(store, home.artifactRoot())
          .withBeamArgs(beamArgs).withCaching(caching);
      for (long span = 0; span < spans; span++) {
        PipelineRunResult run = orchestrator.run(TaxiSpansPipeline.of(pattern, span,
            home.dir().resolve("serving").resolve(TaxiSpansPipeline.NAME)));
        if (!run.succeeded()) {
          err.println("beamline demo: span " + span + ": " + TerminalText.escapeLines(run.error().orElse("the run failed")));
          return 1;
        }
        MonitorReport report = Monitor.report(run.node(TaxiSpansPipeline.MONITOR).output(Monitor.ANOMALIES).uri());
        NodeResult trainer = run.node(TaxiPipeline.TRAINER);
        ResolvedArtifact evaluation;
        if (trainer.state() == NodeState.SKIPPED) {
          PipelineRunResult serving = orchestrator.run(TaxiSpansPipeline.serving(pattern, span));
          if (!serving.succeeded()) {
            err.println("beamline demo: span " + span + ", evaluating the model in service: "
                + TerminalText.escapeLines(serving.error().orElse("the run failed")));
            return 1;
          }
          evaluation = serving.node(TaxiSpansPipeline.EVALUATE_SERVING).output(Evaluator.EVALUATION);
        } else {
          evaluation = run.node(TaxiPipeline.EVALUATOR).output(Evaluator.EVALUATION);
        }
        rows.add(describe(span, report, trainer, evaluation, run));
        out.println(rows.get(rows.size() - 1));
        out.flush();
      }
    }
    out.println();
    out.println("Series over the spans (as JSON: add --format json; as charts: the dashboard's History page,"
        + " ./beamline ui then /history?pipeline=" + TaxiSpansPipeline.NAME + "&stat=fare:mean):");
    out.println("  ./beamline history --pipeline " + TaxiSpansPipeline.NAME + " --node StatisticsGen"
        + " --stat fare:mean --stat fare:drift --stat payment_type:top_share=Cash --detect 'relative_change(0.8,1.25)'");
    out.println("  ./beamline history --pipeline " + TaxiSpansPipeline.NAME + " --metric auc --metric auc@worst");
    return 0;
  }

  private String describe(long span, MonitorReport report, NodeResult trainer, ResolvedArtifact evaluation,
      PipelineRunResult run) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "span %d: ", span));
    if (report.drift() == null) {
      line.append("first span, nothing to compare");
    } else {
      line.append(report.driftDetected() ? "DRIFTED " + report.drift().driftedFeatures()
          : "no drift (" + report.drift().driftedFeatures().size() + " of " + report.drift().features().size()
              + " features moved" + (report.drift().driftedFeatures().isEmpty() ? "" : ": " + report.drift().driftedFeatures())
              + ")");
    }
    List<String> fired = new ArrayList<>();
    for (MonitorReport.CheckResult c : report.checks()) {
      for (Detection d : c.anomalies()) {
        fired.add(c.series() + " " + c.detector() + " (" + fmt(d.value()) + " outside " + fmt(d.lower()) + ".." + fmt(d.upper()) + ")");
      }
    }
    line.append("\n  detectors: ").append(fired.isEmpty() ? "quiet" : String.join("; ", fired));
    if (trainer.state() == NodeState.SKIPPED) {
      line.append("\n  model: kept (").append(trainer.error().orElse("")).append(")");
    } else {
      line.append("\n  model: RETRAINED (").append(report.driftDetected() ? "drift detected"
          : "no model, or the model was " + TaxiSpansPipeline.MAX_MODEL_AGE + "+ spans old").append("), ")
          .append(blessed(run) ? "blessed and pushed" : "not blessed: the model in service stays");
    }
    JsonNode metrics = SeriesReader.metricsJson(evaluation);
    String worst = null;
    double worstAuc = Double.NaN;
    double overall = Double.NaN;
    for (JsonNode s : metrics.path("slices")) {
      JsonNode auc = s.path("candidate").path("values").get("auc");
      if (auc == null || !auc.isNumber()) {
        continue;
      }
      if (s.path("slice").asText().equals("Overall")) {
        overall = auc.asDouble();
      } else if (worst == null || auc.asDouble() < worstAuc) {
        worst = s.path("slice").asText();
        worstAuc = auc.asDouble();
      }
    }
    line.append(String.format(Locale.ROOT, "\n  AUC of the model %s: %.4f overall, %.4f on the worst slice (%s)",
        trainer.state() == NodeState.SKIPPED ? "in service" : "trained on it", overall, worstAuc,
        worst == null ? "-" : TerminalText.escape(worst)));
    return line.toString();
  }

  private static boolean blessed(PipelineRunResult run) {
    NodeResult evaluator = run.node(TaxiPipeline.EVALUATOR);
    return evaluator.state() != NodeState.SKIPPED
        && evaluator.output(Evaluator.BLESSING).properties().getBoolean(PropertyNames.BLESSED);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
