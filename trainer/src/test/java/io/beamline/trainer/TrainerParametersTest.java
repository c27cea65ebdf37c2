package io.beamline.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamline.core.InvalidParameterException;
import org.junit.jupiter.api.Test;

/** The defaults a training gets when it says nothing: batch size from the data, early stopping on. */
class TrainerParametersTest {
  private final TrainerParameters defaults = TrainerParameters.forLabel("label");

  @Test
  void batchSizeFollowsTheTrainSplitsSize() {
    assertEquals(0, defaults.batchSize(), "0: chosen from the data");
    assertEquals(256, defaults.effectiveBatchSize(100), "tiny data keeps the smallest batch");
    assertEquals(256, defaults.effectiveBatchSize(9_963), "the demo's train split: 256, as before");
    assertEquals(2048, defaults.effectiveBatchSize(1_000_000), "taxi x100: 1M / 256 steps -> 2048");
    assertEquals(4096, defaults.effectiveBatchSize(10_000_000), "taxi x1000: capped");
    assertEquals(300, defaults.withBatchSize(300).effectiveBatchSize(10_000_000), "a given size is kept");
  }

  @Test
  void earlyStoppingIsOnByDefault() {
    assertEquals(2, defaults.patience());
    assertEquals(0, defaults.withPatience(0).patience());
  }

  @Test
  void negativeBatchSizeIsRefused() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> defaults.withBatchSize(-1));
    assertEquals("batch_size must be >= 1, or 0 to choose from the data, got -1", e.getMessage());
  }
}
