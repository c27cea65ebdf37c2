package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluatorBenchmarkTest {
  @Test
  void metricAccumulationCountsEveryPair() {
    EvaluatorBenchmark.Throughput t = EvaluatorBenchmark.metricAccumulation(200_000, 1);
    assertEquals(200_000L, t.examples());
    assertTrue(t.perSecond() > 0);
  }
}
