package io.beamline.orchestrator;

import io.beamline.metadata.Context;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes a running run's {@code heartbeat} while the run is alive, so a process on another host
 * (which cannot look up our pid) can tell a live run from a dead one by its age.
 */
final class Heartbeat implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(10);

  private final ScheduledExecutorService timer;

  private Heartbeat(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static Heartbeat start(MetadataStore store, long runContextId, Duration every) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "beamline-heartbeat");
      t.setDaemon(true); // never keeps a process alive whose run is over
      return t;
    });
    long ms = every.toMillis();
    timer.scheduleWithFixedDelay(() -> beat(store, runContextId), ms, ms, TimeUnit.MILLISECONDS);
    return new Heartbeat(timer);
  }

  private static void beat(MetadataStore store, long runContextId) {
    try {
      store.inTransaction(s -> {
        // Re-read in the transaction: the run may have finished (or been recovered) meanwhile,
        // and a beat must never write an old state back.
        Optional<Context> run = s.getContext(runContextId);
        if (run.isPresent() && run.get().customProperties().get(StoreKeys.RUN_STATE)
            instanceof Value.StringValue state && state.value().equals("RUNNING")) {
          s.putContext(run.get().withCustomProperty(StoreKeys.HEARTBEAT,
              new Value.IntValue(Instant.now().toEpochMilli())));
        }
        return null;
      });
    } catch (RuntimeException e) {
      // A busy store misses one beat; the lease is many beats long. Throwing would end the timer.
    }
  }

  /** Stops beating; waits for a beat in progress so none lands after the run's final state. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
