package io.beamline.trainer;

/**
 * What the model predicts, which decides its output layer and loss: a positive-class probability
 * (sigmoid, cross-entropy), a class distribution (softmax, categorical cross-entropy) or a number
 * (identity, squared error).
 */
public enum Head {
  BINARY, MULTICLASS, REGRESSION
}
