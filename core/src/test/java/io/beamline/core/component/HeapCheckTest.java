package io.beamline.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapCheckTest {
  private static final long MB = 1L << 20;

  @Test
  void aHeapStillNineTenthsFullAfterCollectingIsReportedWithItsSizeAndARemedy() {
    String note = HeapCheck.note(950 * MB, 1024 * MB);
    assertTrue(note.contains("heap looks exhausted: 950 of its 1024 MB"), note);
    assertTrue(note.contains("BEAMLINE_JAVA_OPTS=-Xmx2048m"), note);
    assertEquals("", HeapCheck.note(900 * MB, 1024 * MB));
    assertEquals("", HeapCheck.note(10 * MB, Long.MAX_VALUE)); // no limit known: nothing to say
  }

  @Test
  void anOutOfMemoryErrorIsFoundAmongTheCauses() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    assertEquals(oom, HeapCheck.outOfMemory(new RuntimeException("wrapper", new IllegalStateException(oom))));
    assertEquals(null, HeapCheck.outOfMemory(new RuntimeException("wrapper", new IllegalStateException("x"))));
  }

  @Test
  void thisTestsOwnHealthyHeapIsNotReported() {
    assertEquals("", HeapCheck.afterFailure());
  }
}
