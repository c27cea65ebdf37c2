package io.beamline.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.PropertyNames;
import io.beamline.statsgen.CsvStatistics;
import io.beamline.statsgen.CsvStatisticsParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Monitor over real statistics of five CSV days; the last day's fares are scaled and a payment type appears. */
class MonitorTest {
  @TempDir static Path tmp;
  private static final List<String> DAYS = new ArrayList<>();

  private static Path day(int d, double fareScale, double mobileShare) throws Exception {
    Random r = new Random(100 + d);
    StringBuilder csv = new StringBuilder("fare,payment_type\n");
    for (int i = 0; i < 2000; i++) {
      double fare = Math.exp(2 + 0.5 * r.nextGaussian()) * fareScale;
      double u = r.nextDouble();
      String payment = u < mobileShare ? "Mobile" : u < mobileShare + (1 - mobileShare) * 0.6 ? "Cash" : "Credit Card";
      csv.append(String.format(Locale.ROOT, "%.2f", fare)).append(',').append(payment).append('\n');
    }
    Path file = tmp.resolve("day" + d + ".csv");
    Files.writeString(file, csv);
    return file;
  }

  @BeforeAll
  static void statistics() throws Exception {
    for (int d = 0; d < 5; d++) {
      Path csv = d < 4 ? day(d, 1, 0) : day(d, 1.5, 0.25);
      String out = tmp.resolve("stats" + d).toString();
      CsvStatistics.run(CsvStatisticsParameters.forInput(csv.toString()), out);
      DAYS.add(out);
    }
  }

  private static MonitorParameters checks() {
    return MonitorParameters.defaults().withSplit(CsvStatistics.SPLIT).withChecks(List.of(
        MonitorCheck.parse("fare:mean~online_normal(3,3)"),
        MonitorCheck.parse("payment_type:top_share=Cash~absolute_change(-0.05,0.05)"),
        MonitorCheck.parse("fare:drift~threshold(0,0.1)")));
  }

  @Test
  void aStableDayIsQuiet() {
    ComponentResult r = Monitor.run(DAYS.get(3), DAYS.subList(0, 3), tmp.resolve("m3").toString(), checks());
    var props = r.output(Monitor.ANOMALIES).properties();
    assertFalse(props.getBoolean(PropertyNames.DRIFT_DETECTED));
    assertEquals(0L, props.getLong(PropertyNames.DETECTIONS));
    MonitorReport report = Monitor.report(r.output(Monitor.ANOMALIES).uri());
    assertEquals(4, report.checks().get(0).points().size(), "three earlier days and this one");
    assertTrue(report.drift().features().stream().allMatch(f -> !f.drifted()), report.describe());
  }

  @Test
  void theShiftedDayFiresEveryDetectorAndDrifts() {
    ComponentResult r = Monitor.run(DAYS.get(4), DAYS.subList(0, 4), tmp.resolve("m4").toString(), checks());
    var props = r.output(Monitor.ANOMALIES).properties();
    assertTrue(props.getBoolean(PropertyNames.DRIFT_DETECTED));
    assertEquals(List.of("fare", "payment_type"), props.getStringList(PropertyNames.DRIFTED_FEATURES));
    assertEquals(3L, props.getLong(PropertyNames.DETECTIONS));

    MonitorReport report = Monitor.report(r.output(Monitor.ANOMALIES).uri());
    Detection fare = report.checks().get(0).anomalies().get(0);
    assertEquals(4, fare.index());
    assertTrue(fare.value() > fare.upper(), fare.reason()); // the mean rose by half
    Detection cash = report.checks().get(1).anomalies().get(0);
    assertEquals(0.6 * 0.75, cash.value(), 0.04); // Mobile took a quarter: Cash fell from 0.6 to about 0.45
    FeatureDrift payment = report.drift().features().stream().filter(f -> f.feature().equals("payment_type"))
        .findFirst().orElseThrow();
    assertEquals("CHI_SQUARED", payment.test());
    FeatureDrift fareDrift = report.drift().features().get(0);
    assertEquals("KOLMOGOROV_SMIRNOV", fareDrift.test());
    assertTrue(fareDrift.reason().contains("many distinct values"), fareDrift.reason());
    assertTrue(report.describe().contains("DRIFTED"), report.describe());
  }

  @Test
  void ignoredFeaturesAreLeftOutOfTheDriftComparison() {
    ComponentResult r = Monitor.run(DAYS.get(4), DAYS.subList(0, 4), tmp.resolve("m4-ignored").toString(),
        checks().withIgnoredFeatures(List.of("fare")));
    assertEquals(List.of("payment_type"), r.output(Monitor.ANOMALIES).properties().getStringList(PropertyNames.DRIFTED_FEATURES));
    assertEquals(1, Monitor.report(r.output(Monitor.ANOMALIES).uri()).drift().features().size());
  }

  @Test
  void withoutHistoryThereIsNothingToCompare() {
    ComponentResult r = Monitor.run(DAYS.get(0), List.of(), tmp.resolve("m0").toString(), checks());
    MonitorReport report = Monitor.report(r.output(Monitor.ANOMALIES).uri());
    assertEquals(0, report.detections());
    assertEquals(List.of("drift not measured: no earlier span was given"), report.notes());
  }

  @Test
  void badChecksAreRejectedWhenConfigured() {
    var e = assertThrows(InvalidParameterException.class, () -> MonitorCheck.parse("fare:mean"));
    assertTrue(e.getMessage().contains("SERIES~DETECTOR"), e.getMessage());
    var d = assertThrows(InvalidParameterException.class, () -> MonitorCheck.parse("fare:mean~zscore(3)"));
    assertTrue(d.getMessage().contains("Unknown detector"), d.getMessage());
  }
}
