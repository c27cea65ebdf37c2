package io.beamline.trainer;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What one epoch measured; the rows of {@code metrics.json} and the TensorBoard curves.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean loss over the epoch's training steps (sigmoid or softmax cross-entropy, or
 *     squared error, per head)
 * @param evalLoss mean loss over the eval split after the epoch
 * @param evalScore the head's {@link Head#evalMetric()} over the eval split after the epoch: ROC AUC
 *     (NaN when the split has one class), accuracy, or RMSE. Read as {@code eval_auc} too, the name
 *     checkpoints written before it carried.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record EpochMetrics(int epoch, double trainLoss, double evalLoss,
    @JsonAlias("eval_auc") double evalScore) {}
