package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class TransactionTest {
  @Parameter StoreKind kind;
  @TempDir Path dir;
  MetadataStore store;

  @BeforeEach
  void open() {
    store = Fixtures.store(kind, dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void failureHalfWayLeavesNothingBehind() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        store.inTransaction(s -> {
          Artifact a = s.putArtifact(Artifact.create("Examples", "/half"));
          Execution x = s.putExecution(Execution.create("ExampleGen", "gen"));
          s.putEvent(Event.output(a.id(), x.id(), "examples"));
          s.putContext(Context.create(ContextTypes.PIPELINE, "p"));
          throw new IllegalStateException("boom");
        }));
    assertEquals("boom", e.getMessage());
    assertEquals(List.of(), store.getArtifactsByType("Examples"));
    assertEquals(List.of(), store.getExecutionsByType("ExampleGen"));
    assertEquals(List.of(), store.getContextsByType(ContextTypes.PIPELINE));
  }

  @Test
  void compoundPutFailingOnALaterArtifactStoresNothing() {
    assertThrows(MetadataStoreException.class, () -> store.putExecution(
        Execution.create("ExampleGen", "gen"),
        List.of(ArtifactAndEvent.output(Artifact.create("Examples", "/ok"), "a"),
            ArtifactAndEvent.output(Artifact.create("Unregistered", "/bad"), "b")),
        List.of(Context.create(ContextTypes.PIPELINE, "p"))));
    assertEquals(List.of(), store.getArtifactsByUri("/ok"));
    assertEquals(List.of(), store.getExecutionsByType("ExampleGen"));
    assertTrue(store.getContext(ContextTypes.PIPELINE, "p").isEmpty());
  }

  @Test
  void nestedCallsJoinTheOuterTransaction() {
    long id = store.inTransaction(s -> s.inTransaction(
        inner -> inner.putArtifact(Artifact.create("Examples", "/n")).id()));
    assertEquals("/n", store.getArtifact(id).orElseThrow().uri());
  }

  @Test
  void caughtFailureInsideStillRollsBackTheTransaction() {
    MetadataStoreException e = assertThrows(MetadataStoreException.class, () ->
        store.inTransaction(s -> {
          s.putArtifact(Artifact.create("Examples", "/kept?"));
          try {
            s.putArtifact(Artifact.create("Unregistered", "/bad"));
          } catch (MetadataStoreException ignored) {
            // the caller carries on, but the transaction must not commit half of it
          }
          return null;
        }));
    assertTrue(e.getMessage().endsWith("transaction rolled back because a store call inside it"
        + " failed (the failure was caught by the caller)"), e.getMessage());
    assertEquals(List.of(), store.getArtifactsByUri("/kept?"));
  }

  @Test
  void threadsOfOneProcessShareTheStore() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            store.putExecution(Execution.create("Trainer", "t" + thread),
                List.of(ArtifactAndEvent.output(Artifact.create("Model", "/m"), "model")),
                List.of(Context.create(ContextTypes.NODE, "t" + thread)));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(100, store.getExecutionsByType("Trainer").size());
    assertEquals(100, store.getArtifactsByUri("/m").size());
    assertEquals(4, store.getContextsByType(ContextTypes.NODE).size());
  }

  @Test
  void closedStoreSaysSo() {
    store.close();
    MetadataStoreException e =
        assertThrows(MetadataStoreException.class, () -> store.getArtifact(1));
    assertTrue(e.getMessage().endsWith(" is closed"), e.getMessage());
  }
}
