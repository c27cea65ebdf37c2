package io.beamline.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.monitoring.SeriesPoint;
import io.beamline.core.monitoring.SeriesReader;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.monitoring.SpanDistance;
import io.beamline.core.statistics.FeatureSketches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the Monitor: no Beam pipeline, since it reads one small statistics file (and sketch file) per
 * span and evaluates a few series; writes {@code monitor.json} and returns the verdict as properties.
 */
final class MonitorExecutor implements Executor<MonitorParameters> {
  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<MonitorParameters> context) {
    MonitorParameters p = context.parameters();
    ResolvedArtifact current = context.input(Monitor.STATISTICS);
    List<ResolvedArtifact> history = context.inputs().getOrDefault(Monitor.HISTORY, List.of());
    List<ResolvedArtifact> statistics = new ArrayList<>(history);
    statistics.add(current);
    List<String> notes = new ArrayList<>();
    SpanDistance distance = DriftTests.spanDistance(p.drift());

    List<MonitorReport.CheckResult> results = new ArrayList<>();
    for (MonitorCheck check : p.checks()) {
      List<SeriesPoint> points;
      if (check.metric()) {
        if (context.optionalInput(Monitor.EVALUATION).isEmpty()) {
          notes.add(check.series() + " not checked: no evaluation of this span was given");
          continue;
        }
        List<ResolvedArtifact> evaluations = new ArrayList<>(context.inputs().getOrDefault(Monitor.EVALUATION_HISTORY, List.of()));
        evaluations.add(context.input(Monitor.EVALUATION));
        points = SeriesReader.metric(check.metricRef(), evaluations).points();
      } else {
        points = SeriesReader.statistic(check.statistic(), statistics, p.split(),
            DatasetFeatureStatistics.ALL_EXAMPLES, distance).points();
      }
      double[] values = points.stream().mapToDouble(SeriesPoint::value).toArray();
      results.add(new MonitorReport.CheckResult(check.series(), check.detector(), points,
          Detectors.parse(check.detector()).detect(values, values.length - 1)));
    }

    DatasetDrift drift = null;
    Long baselineSpan = null;
    if (p.checkDrift() && !history.isEmpty()) {
      ResolvedArtifact baseline = history.get(history.size() - 1);
      baselineSpan = span(baseline);
      drift = DriftTests.compare(FeatureSketches.readSplit(current.uri(), p.split()),
          FeatureSketches.readSplit(baseline.uri(), p.split()), p.drift(), java.util.Set.copyOf(p.ignoredFeatures()));
    } else if (p.checkDrift()) {
      notes.add("drift not measured: no earlier span was given");
    }

    MonitorReport report = new MonitorReport(span(current), baselineSpan, results, drift, notes);
    String out = context.outputUri(Monitor.ANOMALIES);
    TextFiles.write(ArtifactUris.child(out, Monitor.REPORT_FILE), Json.writePretty(report), "application/json");
    ArtifactProperties props = ArtifactProperties.empty()
        .with(PropertyNames.DRIFT_DETECTED, report.driftDetected())
        .with(PropertyNames.DRIFTED_FEATURES, drift == null ? List.of() : drift.driftedFeatures())
        .with(PropertyNames.DETECTIONS, report.detections())
        .with(PropertyNames.SPAN, report.span());
    if (baselineSpan != null) {
      props = props.with(PropertyNames.BASELINE_SPAN, baselineSpan);
    }
    return Map.of(Monitor.ANOMALIES, props);
  }

  private static long span(ResolvedArtifact a) {
    return a.properties().has(PropertyNames.SPAN) ? a.properties().getLong(PropertyNames.SPAN) : -1;
  }

  static MonitorReport readReport(String anomaliesUri) {
    String file = ArtifactUris.child(anomaliesUri, Monitor.REPORT_FILE);
    try {
      return Json.mapper().readValue(TextFiles.read(file, "Monitor report"), MonitorReport.class);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("Cannot read the monitor report " + file + ": " + e.getOriginalMessage());
    }
  }
}
