package io.beamline.core.component;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Whether this JVM ran out of heap when an embedded job failed, to say so in the failure with the
 * remedy. Beam's DirectRunner either rethrows a worker's {@link OutOfMemoryError} wrapped in its own
 * exception or logs it and leaves the job "RUNNING", so the user otherwise reads only that the job did
 * not finish. In that second case the sign is the heap still in use after the last garbage collection
 * (what the collector could not free), from the JVM's memory pools.
 */
final class HeapCheck {
  /** In use after a collection, as a share of the maximum heap, from which the heap counts as full. */
  static final double FULL = 0.9;

  private HeapCheck() {}

  /** A sentence for a failed job's message when the heap looks exhausted, else "". */
  static String afterFailure() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (afterGc != null) {
        used += afterGc.getUsed();
      }
    }
    return note(used, Runtime.getRuntime().maxMemory());
  }

  static String note(long usedAfterGc, long maxHeap) {
    if (maxHeap <= 0 || maxHeap == Long.MAX_VALUE || usedAfterGc < FULL * maxHeap) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, ". The JVM's heap looks exhausted: %d of its %d MB were still in use"
        + " after the last garbage collection (an OutOfMemoryError in the log above says so for sure)",
        usedAfterGc >> 20, maxHeap >> 20) + remedy(maxHeap);
  }

  /** How to give the command more heap: twice what it had. */
  static String remedy(long maxHeap) {
    return String.format(java.util.Locale.ROOT, "; give it more heap, e.g. BEAMLINE_JAVA_OPTS=-Xmx%dm ./beamline ...",
        2 * (maxHeap >> 20));
  }

  /** The OutOfMemoryError among {@code failure}'s causes, or null. */
  static OutOfMemoryError outOfMemory(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError oom) {
        return oom;
      }
    }
    return null;
  }
}
