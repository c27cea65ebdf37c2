package io.beamline.trainer;

/** The model the trainer fits on the preprocessed features. */
public enum ModelType {
  /** Logistic regression: one weight per preprocessed column and a bias. */
  LINEAR,
  /** A feed-forward network with ReLU hidden layers of the sizes in {@link TrainerParameters#hiddenUnits()}. */
  DNN
}
