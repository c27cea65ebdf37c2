package io.beamline.trainer;

/**
 * What the model predicts, which decides its output layer and loss: a positive-class probability
 * (sigmoid, cross-entropy), a class distribution (softmax, categorical cross-entropy) or a number
 * (identity, squared error).
 */
public enum Head {
  BINARY("auc"), MULTICLASS("accuracy"), REGRESSION("rmse");

  private final String evalMetric;

  Head(String evalMetric) {
    this.evalMetric = evalMetric;
  }

  /**
   * The metric the Trainer reports per epoch beside the loss ({@code eval_score}): ROC AUC, accuracy,
   * or the root mean squared error (lower is better).
   */
  public String evalMetric() {
    return evalMetric;
  }
}
