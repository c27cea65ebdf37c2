package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class QueryTest {
  @Parameter StoreKind kind;
  @TempDir Path dir;
  MetadataStore store;
  Artifact ex1;
  Artifact ex2;
  Artifact stats;
  Execution gen;
  Execution trainer;

  @BeforeEach
  void fill() {
    store = Fixtures.store(kind, dir);
    ex1 = store.putArtifact(Artifact.create("Examples", "/ex/1").withProperty("span",
        Value.of(1)).withCustomProperty("meta", Value.of(Map.of("k", 1))));
    ex2 = store.putArtifact(Artifact.create("Examples", "/ex/2").withProperty("span",
        Value.of(2)).withProperty("ratio", Value.of(0.5)));
    stats = store.putArtifact(Artifact.create("ExampleStatistics", "/ex/1")
        .withCustomProperty("span", Value.of(1)));
    gen = store.putExecution(Execution.create("ExampleGen", "gen").withProperty("attempt",
        Value.of(1)));
    trainer = store.putExecution(Execution.create("Trainer", "train")
        .withCustomProperty("lr", Value.of(0.1)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void artifactQueries() {
    assertEquals(List.of(ex1, stats), store.getArtifacts(List.of(stats.id(), ex1.id(), 999L)));
    assertEquals(List.of(ex1, ex2, stats), store.getArtifacts());
    assertEquals(List.of(ex1, ex2), store.getArtifactsByType("Examples"));
    assertEquals(List.of(), store.getArtifactsByType("Model"));
    assertEquals(List.of(ex1, stats), store.getArtifactsByUri("/ex/1"));
    // typed on ex1, custom on stats
    assertEquals(List.of(ex1, stats), store.getArtifactsByProperty("span", Value.of(1)));
    assertEquals(List.of(ex2), store.getArtifactsByProperty("ratio", Value.of(0.5)));
    assertEquals(List.of(ex1), store.getArtifactsByProperty("meta",
        new Value.StructValue("{ \"k\" : 1 }")));
    assertEquals(List.of(), store.getArtifactsByProperty("span", Value.of("1")));
    assertTrue(store.getArtifact(999).isEmpty());
  }

  @Test
  void manyIdsAreQueriedInChunks() {
    List<Long> ids = LongStream.rangeClosed(1, 1200).boxed().toList();
    assertEquals(3, store.getArtifacts(ids).size());
  }

  @Test
  void executionQueries() {
    assertEquals(List.of(gen), store.getExecutionsByType("ExampleGen"));
    assertEquals(List.of(gen), store.getExecutionsByProperty("attempt", Value.of(1)));
    assertEquals(List.of(trainer), store.getExecutionsByProperty("lr", Value.of(0.1)));
    assertEquals(List.of(gen, trainer), store.getExecutions(List.of(trainer.id(), gen.id())));
    assertTrue(store.getExecution(999).isEmpty());
  }

  @Test
  void contextAndEventQueries() {
    Context p = store.putContext(Context.create(ContextTypes.PIPELINE, "taxi"));
    Context n1 = store.putContext(Context.create(ContextTypes.NODE, "gen"));
    Context n2 = store.putContext(Context.create(ContextTypes.NODE, "train"));
    assertEquals(List.of(n1, n2), store.getContextsByType(ContextTypes.NODE));
    assertEquals(List.of(p), store.getContextsByType(ContextTypes.PIPELINE));
    assertTrue(store.getContext(ContextTypes.NODE, "nope").isEmpty());
    store.putEvent(Event.output(ex1.id(), gen.id(), "examples"));
    store.putEvent(Event.input(ex1.id(), trainer.id(), "examples"));
    store.putEvent(Event.output(ex2.id(), gen.id(), "examples"));
    assertEquals(List.of(gen.id(), trainer.id()),
        store.getEventsByArtifactIds(List.of(ex1.id())).stream().map(Event::executionId).toList());
    assertEquals(List.of(ex1.id(), ex2.id()),
        store.getEventsByExecutionIds(List.of(gen.id())).stream().map(Event::artifactId).toList());
    assertEquals(3, store.getEventsByExecutionIds(List.of(gen.id(), trainer.id())).size());
  }

  @Test
  void newestFirstListingsReadOnlyTheLimit() {
    Artifact ex3 = store.putArtifact(Artifact.create("Examples", "/ex/3"));
    assertEquals(List.of(ex2, ex3), store.getArtifactsByType("Examples", 2));
    assertEquals(List.of(ex1, ex2, ex3), store.getArtifactsByType("Examples", 10));
    assertEquals(List.of(stats, ex3), store.getArtifacts(2));
    assertEquals(List.of(), store.getArtifactsByType("Model", 5));
    MetadataStoreException e = assertThrows(MetadataStoreException.class,
        () -> store.getArtifacts(0));
    assertEquals("Limit must be positive, got 0", e.getMessage());

    Context r1 = store.putContext(Context.create(ContextTypes.PIPELINE_RUN, "r1")
        .withCustomProperty("state", Value.of("COMPLETE")));
    Context r2 = store.putContext(Context.create(ContextTypes.PIPELINE_RUN, "r2")
        .withCustomProperty("state", Value.of("RUNNING")));
    Context r3 = store.putContext(Context.create(ContextTypes.PIPELINE_RUN, "r3")
        .withCustomProperty("state", Value.of("RUNNING")));
    store.putContext(Context.create(ContextTypes.NODE, "n")
        .withCustomProperty("state", Value.of("RUNNING")));
    assertEquals(List.of(r2, r3), store.getContextsByType(ContextTypes.PIPELINE_RUN, 2));
    assertEquals(List.of(r2, r3), store.getContextsByProperty(ContextTypes.PIPELINE_RUN, "state",
        Value.of("RUNNING")));
    assertEquals(List.of(r1), store.getContextsByProperty(ContextTypes.PIPELINE_RUN, "state",
        Value.of("COMPLETE")));
    assertEquals(List.of(ex1, ex2, stats, ex3), store.getArtifactsByState(ArtifactState.PENDING));
    assertEquals(List.of(), store.getArtifactsByState(ArtifactState.DELETED));
  }
}
