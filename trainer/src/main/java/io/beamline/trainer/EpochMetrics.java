package io.beamline.trainer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What one epoch measured; the rows of {@code metrics.json} and the TensorBoard curves.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean sigmoid cross-entropy over the epoch's training steps
 * @param evalLoss mean sigmoid cross-entropy over the eval split after the epoch
 * @param evalAuc ROC AUC over the eval split after the epoch (NaN when the split has one class)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record EpochMetrics(int epoch, double trainLoss, double evalLoss, double evalAuc) {}
