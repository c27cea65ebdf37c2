package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.TensorFlow;

/** Making an Evaluator's executor starts TensorFlow's native load on one background thread, once per JVM. */
class TensorFlowLoadTest {
  @Test
  void oneDaemonThreadLoadsHoweverManyExecutorsAreMadeAndTensorFlowIsThenReady() throws Exception {
    new EvaluatorExecutor();
    Thread loader = TensorFlowLoad.loader();
    assertNotNull(loader, "making an executor starts the load");
    assertEquals("beamline-tensorflow-load", loader.getName());
    assertTrue(loader.isDaemon(), "the load never keeps the JVM alive");
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread t = new Thread(EvaluatorExecutor::new);
      callers.add(t);
      t.start();
    }
    for (Thread t : callers) {
      t.join();
    }
    assertSame(loader, TensorFlowLoad.loader(), "later executors start no other load");
    loader.join(60_000);
    assertFalse(loader.isAlive(), "the load finishes");
    assertFalse(TensorFlow.version().isEmpty());
  }
}
