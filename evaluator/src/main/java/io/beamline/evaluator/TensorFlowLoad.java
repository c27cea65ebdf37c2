package io.beamline.evaluator;

import java.util.concurrent.atomic.AtomicReference;
import org.tensorflow.TensorFlow;

/**
 * TensorFlow's native runtime, loaded on a second thread as soon as an evaluation is set up. Loading
 * it (JavaCPP mapping TensorFlow's shared libraries) takes over a second of one core and needs nothing
 * from the evaluation, while the rest of the component's start (Beam's options, the artifacts'
 * manifests, the examples' file list) needs nothing from TensorFlow, so the two overlap. The first
 * use of TensorFlow on another thread waits for the load (the JVM's class initialization does), and
 * a failed load fails that use with the loader's error as its cause.
 */
final class TensorFlowLoad {
  /** The thread that loads, once one was started in this JVM. */
  private static final AtomicReference<Thread> LOADER = new AtomicReference<>();

  private TensorFlowLoad() {}

  /** Starts the load, once per JVM; returns at once. */
  static void startInBackground() {
    Thread load = new Thread(TensorFlowLoad::load, "beamline-tensorflow-load");
    load.setDaemon(true);
    if (LOADER.compareAndSet(null, load)) {
      load.start();
    }
  }

  /** The loading thread, or null when no load was started. */
  static Thread loader() {
    return LOADER.get();
  }

  private static void load() {
    try {
      TensorFlow.version();
    } catch (Throwable e) {
      // Reported where TensorFlow is used: that use fails with this as its cause.
    }
  }
}
