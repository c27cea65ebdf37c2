package io.beamline.core;

/**
 * JVM-wide settings for the components that run TensorFlow Java (trainer, evaluator), applied before
 * their first tensor. core has no TensorFlow dependency: these are system properties only.
 */
public final class TensorFlowSettings {
  static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

  private TensorFlowSettings() {}

  /**
   * Turns off JavaCPP's check of the process's physical memory on every native allocation (every
   * tensor fed or fetched): in a training it took a tenth of the samples. Tensors are freed when
   * closed, not by that check. A user's own setting is kept. Effective only before TensorFlow makes its
   * first tensor in the JVM, so components call it when their executor class loads.
   */
  public static void apply() {
    if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
      System.setProperty(MAX_PHYSICAL_BYTES, "0");
    }
  }
}
