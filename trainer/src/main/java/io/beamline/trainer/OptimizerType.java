package io.beamline.trainer;

/** The optimizer that minimizes the training loss. */
public enum OptimizerType {
  /** Adam with TensorFlow's default betas and epsilon (the default). */
  ADAM,
  /** Plain stochastic gradient descent. */
  SGD
}
