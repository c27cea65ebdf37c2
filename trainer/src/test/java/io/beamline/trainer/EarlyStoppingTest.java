package io.beamline.trainer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
  private static List<EpochMetrics> losses(double... evalLosses) {
    List<EpochMetrics> h = new ArrayList<>();
    for (int i = 0; i < evalLosses.length; i++) {
      h.add(new EpochMetrics(i + 1, 0, evalLosses[i], 0.5));
    }
    return h;
  }

  @Test
  void stopsAfterPatienceEpochsOfOnlyTinyImprovements() {
    // 0.30 -> 0.25 is significant; 0.2499 and 0.2498 improve by 0.04% each: not significant.
    assertFalse(EarlyStopping.shouldStop(losses(0.30, 0.25, 0.2499), 2));
    assertTrue(EarlyStopping.shouldStop(losses(0.30, 0.25, 0.2499, 0.2498), 2));
  }

  @Test
  void keepsGoingWhileTheLossFallsClearly() {
    // the demo's curve: every epoch at least 1% better
    assertFalse(EarlyStopping.shouldStop(losses(0.44, 0.37, 0.32, 0.29, 0.27, 0.25, 0.24, 0.236, 0.230, 0.226), 2));
  }

  @Test
  void aWorseEpochCountsAgainstPatienceAndAClearGainResetsIt() {
    assertFalse(EarlyStopping.shouldStop(losses(0.30, 0.31), 2));
    assertTrue(EarlyStopping.shouldStop(losses(0.30, 0.31, 0.30), 2));
    assertFalse(EarlyStopping.shouldStop(losses(0.30, 0.31, 0.20), 2));
  }

  @Test
  void patienceZeroNeverStops() {
    assertFalse(EarlyStopping.shouldStop(losses(0.3, 0.3, 0.3, 0.3), 0));
  }
}
