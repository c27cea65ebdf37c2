package io.beamline.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detectors on series whose answers are worked out by hand in the comments. */
class DetectorsTest {
  private static final double EPS = 1e-9;

  private static List<Integer> indices(List<Detection> found) {
    return found.stream().map(Detection::index).toList();
  }

  @Test
  void absoluteChangeFlagsTheJumpOnly() {
    // 3 -> 10 changes by 7, outside [-2, 2]; 10 -> 11 by 1 is fine
    List<Detection> found = Detectors.parse("absolute_change(-2,2)").detect(new double[] {1, 2, 3, 10, 11}, 0);
    assertEquals(List.of(3), indices(found));
    assertEquals(1, found.get(0).lower(), EPS);
    assertEquals(5, found.get(0).upper(), EPS);
    assertTrue(found.get(0).reason().contains("changed by 7"), found.get(0).reason());
  }

  @Test
  void relativeChangeFlagsTheDrop() {
    // 60 / 110 = 0.545 < 0.8; expected 110 * [0.8, 1.25] = [88, 137.5]
    List<Detection> found = Detectors.parse("relative_change(0.8,1.25)").detect(new double[] {100, 110, 60, 61}, 0);
    assertEquals(List.of(2), indices(found));
    assertEquals(88, found.get(0).lower(), EPS);
    assertEquals(137.5, found.get(0).upper(), EPS);
  }

  @Test
  void thresholdFlagsBothSidesAndSkipsPointsBeforeFrom() {
    double[] v = {-5, 5, -1, 11, 10};
    assertEquals(List.of(2, 3), indices(Detectors.parse("threshold(0,10)").detect(v, 1)));
  }

  @Test
  void batchNormalUsesTheMeanAndSampleDeviationBeforeFrom() {
    // history 1..5: mean 3, sample SD sqrt(2.5); +-2 SD = [-0.1623, 6.1623]: 7 is out, 6 is in
    List<Detection> found = Detectors.parse("batch_normal(2,2)").detect(new double[] {1, 2, 3, 4, 5, 7, 6}, 5);
    assertEquals(List.of(5), indices(found));
    assertEquals(3 - 2 * Math.sqrt(2.5), found.get(0).lower(), EPS);
    assertEquals(3 + 2 * Math.sqrt(2.5), found.get(0).upper(), EPS);
  }

  @Test
  void onlineNormalLeavesAnomaliesOutOfTheRunningMean() {
    // after 10, 12, 11: mean 11, population SD sqrt(2/3); 30 is out and not added;
    // 11 is in (mean stays 11, SD sqrt(2/4)); 9 is 2.83 SD below: out
    List<Detection> found = Detectors.parse("online_normal(1.5,1.5)").detect(new double[] {10, 12, 11, 30, 11, 9}, 0);
    assertEquals(List.of(3, 5), indices(found));
    assertEquals(11 - 1.5 * Math.sqrt(2.0 / 3), found.get(0).lower(), EPS);
    assertEquals(11 + 1.5 * Math.sqrt(2.0 / 4), found.get(1).upper(), EPS);
  }

  @Test
  void nanIsNeitherJudgedNorFitted() {
    // the NaN is skipped: 3 is compared with 2, not with NaN
    assertEquals(List.of(), Detectors.parse("absolute_change(-1,1)").detect(new double[] {1, 2, Double.NaN, 3}, 0));
  }

  /** Ten weeks of daily values: trend, a weekly cycle (weekend trough) and a small bounded wobble. */
  private static double[] weekly() {
    double[] cycle = {0, 5, 10, 5, 0, -10, -20};
    double[] v = new double[70];
    for (int i = 0; i < v.length; i++) {
      v[i] = 100 + 0.3 * i + cycle[i % 7] + 0.5 * Math.sin(i * 1.3);
    }
    return v;
  }

  @Test
  void holtWintersFollowsTheWeeklyCycle() {
    assertEquals(List.of(), Detectors.parse("holt_winters(7)").detect(weekly(), 63));
  }

  @Test
  void holtWintersFindsAWeekendAsBusyAsAWeekdayThatNormalBoundsMiss() {
    double[] v = weekly();
    v[68] += 20; // the trough day (cycle -20) now looks like a plain weekday
    List<Detection> found = Detectors.parse("holt_winters(7)").detect(v, 63);
    assertEquals(List.of(68), indices(found));
    assertTrue(found.get(0).reason().contains("Holt-Winters forecast"), found.get(0).reason());
    // the same value is well inside the whole history's mean +- 3 SD: a seasonal series needs the season
    assertEquals(List.of(), Detectors.parse("batch_normal(3,3)").detect(v, 63));
  }

  @Test
  void rejectsUnknownDetectorsAndWrongArguments() {
    var unknown = assertThrows(InvalidParameterException.class, () -> Detectors.parse("zscore(3)"));
    assertTrue(unknown.getMessage().contains("Unknown detector 'zscore'"), unknown.getMessage());
    var count = assertThrows(InvalidParameterException.class, () -> Detectors.parse("threshold(1)"));
    assertTrue(count.getMessage().contains("takes 2 arguments, got 1"), count.getMessage());
    var order = assertThrows(InvalidParameterException.class, () -> Detectors.parse("relative_change(2,1)"));
    assertTrue(order.getMessage().contains("must not exceed"), order.getMessage());
  }
}
