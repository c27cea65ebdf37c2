package io.beamline.monitor;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ResolvedArtifact;
import java.util.List;

/**
 * The Monitor component: judges a new span against the spans before it. Each configured
 * {@link MonitorCheck} builds its series (the {@code history} statistics, or the
 * {@code evaluation_history} evaluations, then this span's) and runs its detector on the newest
 * point; the span's sketches are compared with the previous span's, feature by feature
 * ({@link DriftTests}). Like every component it reads only its inputs: the history comes bound
 * (in a pipeline, from {@code PreviousSpans}).
 *
 * <p>Inputs: {@code statistics} (ExampleStatistics), optional {@code history} (ExampleStatistics,
 * earlier spans oldest first), optional {@code evaluation} and {@code evaluation_history}
 * (ModelEvaluation). Output {@code anomalies} (MonitorAnomalies): {@code monitor.json}
 * ({@link MonitorReport}); properties {@code drift_detected}, {@code drifted_features},
 * {@code detections}, {@code span}, {@code baseline_span}.
 *
 * <pre>{@code
 * ComponentResult r = Monitor.run("stats/day7", List.of("stats/day5", "stats/day6"), "monitor/day7",
 *     MonitorParameters.defaults().withChecks(List.of(MonitorCheck.parse("fare:mean~online_normal(3,3)"))));
 * MonitorReport report = Monitor.report(r.output(Monitor.ANOMALIES).uri());
 * }</pre>
 */
public final class Monitor implements Component<MonitorParameters> {
  public static final String NAME = "Monitor";
  public static final String STATISTICS = "statistics";
  public static final String HISTORY = "history";
  public static final String EVALUATION = "evaluation";
  public static final String EVALUATION_HISTORY = "evaluation_history";
  public static final String ANOMALIES = "anomalies";
  public static final ArtifactType MONITOR_ANOMALIES = new ArtifactType("MonitorAnomalies");
  static final String REPORT_FILE = "monitor.json";

  @Override
  public ComponentSpec<MonitorParameters> spec() {
    return ComponentSpec.named(NAME, MonitorParameters.defaults())
        .withInput(ChannelSpec.required(STATISTICS, ArtifactType.EXAMPLE_STATISTICS))
        .withInput(ChannelSpec.optional(HISTORY, ArtifactType.EXAMPLE_STATISTICS))
        .withInput(ChannelSpec.optional(EVALUATION, ArtifactType.MODEL_EVALUATION))
        .withInput(ChannelSpec.optional(EVALUATION_HISTORY, ArtifactType.MODEL_EVALUATION))
        .withOutput(ANOMALIES, MONITOR_ANOMALIES);
  }

  @Override
  public Executor<MonitorParameters> executor() {
    return new MonitorExecutor();
  }

  /** Library shortcut: this span's statistics against earlier spans' (oldest first). */
  public static ComponentResult run(String statisticsUri, List<String> historyUris, String outputUri,
      MonitorParameters parameters) {
    ComponentRun<MonitorParameters> run = ComponentRun.of(new Monitor())
        .withParameters(parameters)
        .withInput(STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, statisticsUri))
        .withOutput(ANOMALIES, outputUri);
    if (!historyUris.isEmpty()) {
      run = run.withInputs(java.util.Map.of(HISTORY, historyUris.stream()
          .map(u -> ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, u)).toList()));
    }
    return run.run();
  }

  /** Reads the report a Monitor wrote. */
  public static MonitorReport report(String anomaliesUri) {
    return MonitorExecutor.readReport(anomaliesUri);
  }
}
