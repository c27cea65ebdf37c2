package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class RoundTripTest {
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
  void createsParentDirectoriesAndFile() {
    assumeTrue(kind == StoreKind.SQLITE, "a SQLite file only");
    assertTrue(Files.isRegularFile(dir.resolve("sub/dir/metadata.sqlite")));
  }

  @Test
  void typesAreIdempotentAndGrow() {
    ArtifactType first = store.getArtifactType("Examples").orElseThrow();
    ArtifactType again = store.putArtifactType("Examples", Map.of("span", PropertyType.INT));
    assertEquals(first, again);
    ArtifactType grown = store.putArtifactType("Examples", Map.of("version", PropertyType.INT));
    assertEquals(first.id(), grown.id());
    assertEquals(List.of("features", "ratio", "span", "split_names", "version"),
        List.copyOf(grown.properties().keySet()));
    MetadataStoreException e = assertThrows(MetadataStoreException.class,
        () -> store.putArtifactType("Examples", Map.of("span", PropertyType.STRING)));
    assertEquals("Artifact type 'Examples' property 'span' is INT; cannot change it to STRING",
        e.getMessage());
    assertEquals(Map.of("attempt", PropertyType.INT),
        store.getExecutionType("Trainer").orElseThrow().properties());
    assertTrue(store.getContextType(ContextTypes.PIPELINE_RUN).isPresent());
    assertTrue(store.getArtifactType("Nope").isEmpty());
  }

  @Test
  void artifactWithAllValueTypesRoundTrips() {
    Artifact a = Artifact.create("Examples", "/tmp/examples/1/")
        .withName("examples")
        .withProperty("span", Value.of(3))
        .withProperty("ratio", Value.of(0.25))
        .withProperty("split_names", Value.of("train,eval"))
        .withProperty("features", Value.of(Map.of("fare", "FLOAT")))
        .withCustomProperty("span", Value.of("custom may share a name"))
        .withCustomProperty("rows", Value.of(1000L))
        .withCustomProperty("nan", Value.of(Double.NaN))
        .withCustomProperty("inf", Value.of(Double.NEGATIVE_INFINITY))
        .withCustomProperty("tags", Value.of(List.of("a", "b")));
    Artifact stored = store.putArtifact(a);
    assertTrue(stored.id() > 0);
    assertNotNull(stored.createTime());
    assertEquals(stored.createTime(), stored.updateTime());
    assertEquals(ArtifactState.PENDING, stored.state());
    Artifact loaded = store.getArtifact(stored.id()).orElseThrow();
    assertEquals(stored, loaded);
    assertEquals(new Value.StructValue("{\"fare\":\"FLOAT\"}"), loaded.properties().get("features"));
    assertEquals(Double.NaN, ((Value.DoubleValue) loaded.customProperties().get("nan")).value());
    assertEquals(Double.NEGATIVE_INFINITY, loaded.customProperties().get("inf").toJava());
  }

  @Test
  void updatingAnArtifactKeepsCreateTimeAndReplacesProperties() throws Exception {
    Artifact stored = store.putArtifact(Artifact.create("Examples", "/u")
        .withCustomProperty("old", Value.of(1)));
    Thread.sleep(5);
    Artifact live = store.putArtifact(stored.withState(ArtifactState.LIVE)
        .withCustomProperty("rows", Value.of(7)));
    assertEquals(stored.id(), live.id());
    Artifact loaded = store.getArtifact(stored.id()).orElseThrow();
    assertEquals(ArtifactState.LIVE, loaded.state());
    assertEquals(stored.createTime(), loaded.createTime());
    assertTrue(loaded.updateTime().isAfter(loaded.createTime()));
    assertEquals(Map.of("old", Value.of(1), "rows", Value.of(7)), loaded.customProperties());
    Artifact dropped = store.putArtifact(new Artifact(loaded.id(), "Examples", "/u", null,
        ArtifactState.LIVE, Map.of(), Map.of(), null, null));
    assertEquals(Map.of(), store.getArtifact(dropped.id()).orElseThrow().customProperties());
  }

  @Test
  void executionWithErrorAndTimesRoundTrips() {
    Instant start = Instant.parse("2025-01-02T03:04:05.678Z");
    Execution e = store.putExecution(Execution.create("Trainer", "trainer")
        .withState(ExecutionState.FAILED)
        .withStartTime(start)
        .withEndTime(start.plusSeconds(60))
        .withErrorMessage("OOM in step 3")
        .withProperty("attempt", Value.of(2))
        .withCustomProperty("params", Value.of(Map.of("lr", 0.1))));
    Execution loaded = store.getExecution(e.id()).orElseThrow();
    assertEquals(e, loaded);
    assertEquals("OOM in step 3", loaded.errorMessage());
    assertEquals(start.plusSeconds(60), loaded.endTime());
    assertEquals("trainer", loaded.name());
    assertEquals("Trainer", loaded.type());
  }

  @Test
  void contextsLinksAndParentsRoundTrip() {
    Context pipeline = store.putContext(Context.create(ContextTypes.PIPELINE, "taxi")
        .withCustomProperty("owner", Value.of("ml")));
    Context run = store.putContext(Context.create(ContextTypes.PIPELINE_RUN, "run-1"));
    store.putParentContext(run.id(), pipeline.id());
    store.putParentContext(run.id(), pipeline.id()); // idempotent
    assertEquals(List.of(pipeline), store.getParentContexts(run.id()));
    assertEquals(List.of(run), store.getChildContexts(pipeline.id()));
    assertEquals(pipeline, store.getContext(pipeline.id()).orElseThrow());
    assertEquals(pipeline, store.getContext(ContextTypes.PIPELINE, "taxi").orElseThrow());
    MetadataStoreException cycle = assertThrows(MetadataStoreException.class,
        () -> store.putParentContext(pipeline.id(), run.id()));
    assertEquals("Context " + run.id() + " cannot be a parent of context " + pipeline.id()
        + ": that would make a cycle", cycle.getMessage());

    Artifact a = Fixtures.artifact(store, "Examples", "/a");
    Execution e = Fixtures.execution(store, "ExampleGen", "gen");
    Event ev = store.putEvent(new Event(a.id(), e.id(), EventType.OUTPUT, "examples", 2, null));
    assertNotNull(ev.time());
    assertEquals(List.of(ev), store.getEventsByArtifactIds(List.of(a.id())));
    assertEquals(List.of(ev), store.getEventsByExecutionIds(List.of(e.id())));
    store.putAttribution(new Attribution(run.id(), a.id()));
    store.putAttribution(new Attribution(run.id(), a.id()));
    store.putAssociation(new Association(run.id(), e.id()));
    assertEquals(List.of(a), store.getArtifactsByContext(run.id()));
    assertEquals(List.of(e), store.getExecutionsByContext(run.id()));
    assertEquals(List.of(run), store.getContextsByArtifact(a.id()));
    assertEquals(List.of(run), store.getContextsByExecution(e.id()));
  }

  @Test
  void duplicateContextIsRejectedUnlessReused() {
    Context first = store.putContext(Context.create(ContextTypes.NODE, "trainer"));
    MetadataStoreException e = assertThrows(MetadataStoreException.class,
        () -> store.putContext(Context.create(ContextTypes.NODE, "trainer")));
    assertEquals("Context node/'trainer' already exists with id " + first.id(), e.getMessage());
    assertEquals(first, store.putContextIfAbsent(Context.create(ContextTypes.NODE, "trainer")));
  }

  @Test
  void typeValidationErrorsNameTypeAndProperty() {
    MetadataStoreException unknown = assertThrows(MetadataStoreException.class,
        () -> store.putArtifact(Artifact.create("Examples", "/x").withProperty("color",
            Value.of("red"))));
    assertEquals("Artifact '/x': property 'color' is not declared on artifact type 'Examples'"
        + " (declared: [features, ratio, span, split_names]); declare it or use a custom property",
        unknown.getMessage());
    MetadataStoreException wrong = assertThrows(MetadataStoreException.class,
        () -> store.putExecution(Execution.create("Trainer", "t").withProperty("attempt",
            Value.of("two"))));
    assertEquals("Execution 't': property 'attempt' of execution type 'Trainer' must be INT, got"
        + " STRING two", wrong.getMessage());
    MetadataStoreException noType = assertThrows(MetadataStoreException.class,
        () -> store.putArtifact(Artifact.create("Nope", "/x")));
    assertEquals("Artifact type 'Nope' is not registered; call putArtifactType first",
        noType.getMessage());
    MetadataStoreException missing = assertThrows(MetadataStoreException.class,
        () -> store.putEvent(Event.input(999, 1, "x")));
    assertEquals("Artifact 999 does not exist", missing.getMessage());
    Artifact a = Fixtures.artifact(store, "Examples", "/y");
    MetadataStoreException retype = assertThrows(MetadataStoreException.class,
        () -> store.putArtifact(new Artifact(a.id(), "Model", "/y", null, ArtifactState.LIVE,
            Map.of(), Map.of(), null, null)));
    assertEquals("Artifact " + a.id() + " has type 'Examples'; cannot change it to 'Model'",
        retype.getMessage());
  }

  @Test
  void compoundPutExecutionStoresEverythingTogether() {
    Artifact input = store.putArtifact(Artifact.create("Data", "/data.csv")
        .withState(ArtifactState.LIVE));
    Context pipeline = store.putContext(Context.create(ContextTypes.PIPELINE, "taxi"));
    ExecutionRecord r = store.putExecution(
        Execution.create("ExampleGen", "example_gen").withState(ExecutionState.COMPLETE),
        List.of(ArtifactAndEvent.input(input, "input"),
            ArtifactAndEvent.output(Artifact.create("Examples", "/ex/1/"), "examples")),
        List.of(Context.create(ContextTypes.PIPELINE, "taxi"),
            Context.create(ContextTypes.PIPELINE_RUN, "run-1")));
    assertEquals(input.id(), r.artifacts().get(0).id());
    long output = r.artifacts().get(1).id();
    assertTrue(output > input.id());
    assertEquals(pipeline.id(), r.contexts().get(0).id()); // reused, not duplicated
    assertEquals(List.of(EventType.INPUT, EventType.OUTPUT),
        store.getEventsByExecutionIds(List.of(r.execution().id())).stream().map(Event::type)
            .toList());
    assertEquals(List.of(input.id(), output), store.getArtifactsByContext(pipeline.id()).stream()
        .map(Artifact::id).toList());
    assertEquals(List.of(r.execution()), store.getExecutionsByContext(r.contexts().get(1).id()));
  }
}
