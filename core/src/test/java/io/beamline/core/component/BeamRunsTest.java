package io.beamline.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/** A failed DirectRunner job fails the call and leaves nothing of it running in the JVM. */
class BeamRunsTest {
  /** What a missing class or a JVM flag the stack needs looks like inside a step: an Error, not an Exception. */
  static final class BrokenStep extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer i, OutputReceiver<Integer> out) {
      if (i % 7 == 3) {
        throw new NoClassDefFoundError("jdk/incubator/foreign/MemorySegment (simulated)");
      }
      out.output(i);
    }
  }

  @Test
  void aStepThatThrowsAnErrorFailsTheRunAndStopsItsWorkers() throws Exception {
    Set<Thread> before = workers();
    Pipeline p = Pipeline.create(BeamRuns.options(List.of()));
    p.apply(Create.of(IntStream.range(0, 2000).boxed().collect(Collectors.toList())))
        .apply(ParDo.of(new BrokenStep()))
        .apply(Count.globally());
    RuntimeException e = assertThrows(RuntimeException.class, () -> BeamRuns.runToCompletion(p));
    assertTrue(String.valueOf(e).contains("MemorySegment") || String.valueOf(e.getCause()).contains("MemorySegment")
        || String.valueOf(e).contains("did not finish"), String.valueOf(e));
    long deadline = System.nanoTime() + 10_000_000_000L;
    Set<Thread> left = workers();
    left.removeAll(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      left = workers();
      left.removeAll(before);
    }
    assertEquals(Set.of(), left, "the failed job's worker threads are gone");
  }

  private static Set<Thread> workers() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive()
        && t.getName().startsWith("direct-runner-worker")).collect(Collectors.toSet());
  }
}
