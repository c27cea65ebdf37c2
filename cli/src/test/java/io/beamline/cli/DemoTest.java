package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, in process: the whole taxi pipeline through the orchestrator, twice. */
class DemoTest {
  @TempDir Path tmp;
  /**
   * A home whose path holds glob and regex characters: every path a user gives is a path, never a
   * pattern (Beam's match specs, the artifact listings, TensorFlow's SavedModel loader).
   */
  private Path home;

  @BeforeEach
  void oddHome() {
    home = tmp.resolve("home [1] {a} \\Q*?\\E");
  }
  private static final String DATA = Path.of("..", "examples", "data", "taxi", "big_tipper.csv").toString();
  private static final List<String> DATA_NODES = List.of("ExampleGen", "StatisticsGen", "SchemaGen", "ExampleValidator");

  private static boolean hasLine(CliRunner.Result r, String regex) {
    return r.out().lines().anyMatch(l -> l.matches(regex));
  }

  private List<Path> pushedVersions() throws Exception {
    try (Stream<Path> versions = Files.list(home.resolve("serving/chicago_taxi"))) {
      return versions.sorted().toList();
    }
  }

  @Test
  void demoRunsTheWholeChainAndTheSecondRunValidatesANewModelAgainstTheFirst() throws Exception {
    CliRunner.Result first = CliRunner.run("demo", "--home", home.toString(), "--data", DATA);
    assertEquals(0, first.code(), first.err());
    assertTrue(hasLine(first, "Run chicago_taxi-\\S+ COMPLETE in .*"), first.out());
    for (String node : List.of("ExampleGen", "StatisticsGen", "SchemaGen", "ExampleValidator", "Trainer",
        "Evaluator", "Pusher")) {
      assertTrue(hasLine(first, "  " + node + "\\s+COMPLETE .*"), node + ": " + first.out());
    }

    long examples = 0;
    Matcher m = Pattern.compile("^  (train|eval)\\s+([0-9,]+) examples$", Pattern.MULTILINE).matcher(first.out());
    while (m.find()) {
      examples += Long.parseLong(m.group(2).replace(",", ""));
    }
    assertEquals(15_002, examples, "every taxi row lands in exactly one split");
    Matcher page = Pattern.compile("^  train\\s+(/.+FeatureStats\\.html)$", Pattern.MULTILINE).matcher(first.out());
    assertTrue(page.find(), first.out());
    assertTrue(Files.readString(Path.of(page.group(1))).contains("trip_miles"));
    assertTrue(first.out().contains("  train    0 anomalies"), "the schema was inferred from train: " + first.out());

    Matcher auc = Pattern.compile("^  overall .* auc=([0-9.]+) ", Pattern.MULTILINE).matcher(first.out());
    assertTrue(auc.find(), first.out());
    assertTrue(Double.parseDouble(auc.group(1)) > 0.9, first.out());
    assertTrue(first.out().contains("worst slices by AUC:"), first.out());
    assertTrue(hasLine(first, "Blessing:   BLESSED  .*"), "no baseline yet: " + first.out());
    assertEquals(1, pushedVersions().size());
    assertTrue(Files.exists(pushedVersions().get(0).resolve("saved_model.pb")));

    assertTrue(first.out().contains("Dashboard: ./beamline ui --home '" + home + "'"), first.out());
    DashboardTour.walk(home);

    CliRunner.Result second = CliRunner.run("demo", "--home", home.toString(), "--data", DATA);
    assertEquals(0, second.code(), second.err());
    for (String node : DATA_NODES) {
      assertTrue(hasLine(second, "  " + node + "\\s+CACHED .*"), node + ": " + second.out());
    }
    assertTrue(hasLine(second, "  Trainer\\s+COMPLETE .*"), second.out());
    assertTrue(hasLine(second, "Blessing:   BLESSED against baseline model \\d+  .*"), second.out());
    assertEquals(2, pushedVersions().size());
  }

  /**
   * {@code demo --spans 3 --shift-from 2}: the taxi trips as three spans, fares x1.5 and a new payment
   * type from span 2. The Monitor reports the shift on the shifted features and its detectors fire at
   * span 2 only, the model is retrained on it, and the store holds one point per span for history.
   */
  @Test
  void demoOverSpansFindsTheInjectedShiftAndRetrains() {
    CliRunner.Result r = CliRunner.run("demo", "--home", home.toString(), "--data", DATA, "--spans", "3",
        "--shift-from", "2");
    assertEquals(0, r.code(), r.out() + r.err());
    String out = r.out();
    assertTrue(out.contains("span 0: first span, nothing to compare"), out);
    assertTrue(hasLine(r, "span 2: DRIFTED \\[.*\\bfare\\b.*payment_type.*\\]"), out);
    String span2 = out.substring(out.indexOf("span 2:"));
    String beforeSpan2 = out.substring(0, out.indexOf("span 2:"));
    assertTrue(span2.contains("fare:mean relative_change(0.8,1.25)"), span2);
    assertTrue(span2.contains("payment_type:top_share=Cash absolute_change"), span2);
    assertTrue(span2.contains("model: RETRAINED (drift detected)"), span2);
    assertTrue(beforeSpan2.lines().filter(l -> l.startsWith("  detectors:")).allMatch(l -> l.endsWith("quiet")),
        "no detector fires before the shift: " + beforeSpan2);
    Matcher auc = Pattern.compile("AUC of the model trained on it: (0\\.\\d+) overall").matcher(out);
    int spans = 0;
    while (auc.find()) {
      assertTrue(Double.parseDouble(auc.group(1)) > 0.85, auc.group());
      spans++;
    }
    assertEquals(3, spans, out);

    CliRunner.Result history = CliRunner.run("history", "--home", home.toString(), "--pipeline", "chicago_taxi_spans",
        "--node", "StatisticsGen", "--stat", "fare:mean", "--format", "csv");
    assertEquals(0, history.code(), history.err());
    List<String> rows = history.out().strip().lines().toList();
    assertEquals(List.of("span", "0", "1", "2"), rows.stream().map(l -> l.split(",")[0]).toList(), history.out());
    double before = Double.parseDouble(rows.get(2).split(",")[1]);
    double after = Double.parseDouble(rows.get(3).split(",")[1]);
    assertTrue(after > 1.3 * before, "fares x1.5 from span 2: " + history.out());

    monitorWatchesTheEvaluationsOfEachSpan(out);
  }

  /**
   * The Monitor given evaluations: the spans' ModelEvaluation artifacts from the store (the AUCs the
   * demo printed) as the {@code auc} series, and its detector flags the drop at the shifted span.
   */
  private void monitorWatchesTheEvaluationsOfEachSpan(String demoOut) {
    List<Double> printed = new java.util.ArrayList<>();
    Matcher auc = Pattern.compile("AUC of the model trained on it: (0\\.\\d+) overall").matcher(demoOut);
    while (auc.find()) {
      printed.add(Double.parseDouble(auc.group(1)));
    }
    try (io.beamline.metadata.MetadataStore store = BeamlineHome.resolve(home).openStore()) {
      var history = io.beamline.orchestrator.History.of(store).inPipeline(TaxiSpansPipeline.NAME);
      var evaluations = history.ofNode(TaxiPipeline.EVALUATOR)
          .artifacts(io.beamline.core.component.ArtifactType.MODEL_EVALUATION);
      var statistics = history.ofNode(TaxiPipeline.STATISTICS_GEN)
          .artifacts(io.beamline.core.component.ArtifactType.EXAMPLE_STATISTICS);
      assertEquals(3, evaluations.size());
      var result = io.beamline.core.component.ComponentRun.of(new io.beamline.monitor.Monitor())
          .withParameters(io.beamline.monitor.MonitorParameters.defaults().withCheckDrift(false).withChecks(List.of(
              io.beamline.monitor.MonitorCheck.parse("metric:auc~absolute_change(-0.02,0.02)"))))
          .withInput(io.beamline.monitor.Monitor.STATISTICS, statistics.get(2))
          .withInput(io.beamline.monitor.Monitor.EVALUATION, evaluations.get(2))
          .withInputs(java.util.Map.of(io.beamline.monitor.Monitor.EVALUATION_HISTORY, evaluations.subList(0, 2)))
          .withOutput(io.beamline.monitor.Monitor.ANOMALIES, tmp.resolve("model-monitor").toString())
          .run();
      var check = io.beamline.monitor.Monitor.report(result.output(io.beamline.monitor.Monitor.ANOMALIES).uri())
          .checks().get(0);
      assertEquals(List.of(0L, 1L, 2L), check.points().stream().map(p -> p.span()).toList());
      for (int i = 0; i < 3; i++) {
        assertEquals(printed.get(i), check.points().get(i).value(), 5e-5, "span " + i);
      }
      boolean drop = printed.get(2) - printed.get(1) < -0.02;
      assertEquals(drop ? List.of(2) : List.of(), check.anomalies().stream().map(d -> d.index()).toList(),
          "AUCs " + printed);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void demoWithoutItsDataSaysWhereItLooked() {
    CliRunner.Result r = CliRunner.run("demo", "--home", home.toString(), "--data", home.resolve("nope.csv").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("nope.csv"), r.err());
  }
}
