package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The graph: data(a1) -> ExampleGen(e1) -> examples(a2) -> StatisticsGen(e2) -> stats(a3) ->
 * SchemaGen(e3) -> schema(a4); ExampleValidator(e4) reads a3 and a4 and writes anomalies(a5);
 * Trainer(e5) reads a2 and a4 and writes model(a6).
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class LineageTest {
  @Parameter StoreKind kind;
  @TempDir Path dir;
  MetadataStore store;
  long a1, a2, a3, a4, a5, a6;
  long e1, e2, e3, e4, e5;

  @BeforeEach
  void build() {
    store = Fixtures.store(kind, dir);
    a1 = Fixtures.artifact(store, "Data", "/data.csv").id();
    ExecutionRecord gen = run("ExampleGen", Map.of("input", a1), "examples", "Examples");
    e1 = gen.execution().id();
    a2 = gen.artifacts().get(1).id();
    ExecutionRecord stats = run("StatisticsGen", Map.of("examples", a2), "statistics",
        "ExampleStatistics");
    e2 = stats.execution().id();
    a3 = stats.artifacts().get(1).id();
    ExecutionRecord schema = run("SchemaGen", Map.of("statistics", a3), "schema", "Schema");
    e3 = schema.execution().id();
    a4 = schema.artifacts().get(1).id();
    ExecutionRecord validate = run("ExampleValidator", Map.of("statistics", a3, "schema", a4),
        "anomalies", "ExampleAnomalies");
    e4 = validate.execution().id();
    a5 = validate.artifacts().get(2).id();
    ExecutionRecord train = run("Trainer", Map.of("examples", a2, "schema", a4), "model", "Model");
    e5 = train.execution().id();
    a6 = train.artifacts().get(2).id();
  }

  private ExecutionRecord run(String component, Map<String, Long> inputs, String outKey,
      String outType) {
    List<ArtifactAndEvent> links = new ArrayList<>();
    inputs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(in -> links.add(
        ArtifactAndEvent.input(store.getArtifact(in.getValue()).orElseThrow(), in.getKey())));
    links.add(ArtifactAndEvent.output(Artifact.create(outType, "/" + outKey), outKey));
    return store.putExecution(Execution.create(component, component), links, List.of());
  }

  private void assertGraph(LineageGraph g, List<Long> artifacts, List<Long> executions) {
    assertEquals(artifacts, g.artifactIds(), "artifacts");
    assertEquals(executions, g.executionIds(), "executions");
  }

  private LineageGraph walk(LineageQuery q, LineageDirection d, int hops) {
    return store.lineage(q.withDirection(d).withMaxHops(hops));
  }

  @Test
  void upstreamFromSchema() {
    LineageQuery q = LineageQuery.ofArtifact(a4);
    assertGraph(walk(q, LineageDirection.UPSTREAM, 0), List.of(a4), List.of());
    assertGraph(walk(q, LineageDirection.UPSTREAM, 1), List.of(a4), List.of(e3));
    assertGraph(walk(q, LineageDirection.UPSTREAM, 2), List.of(a3, a4), List.of(e3));
    assertGraph(walk(q, LineageDirection.UPSTREAM, 4), List.of(a2, a3, a4), List.of(e2, e3));
    LineageGraph all = walk(q, LineageDirection.UPSTREAM, LineageQuery.UNLIMITED);
    assertGraph(all, List.of(a1, a2, a3, a4), List.of(e1, e2, e3));
    assertEquals(6, all.events().size());
    assertEquals(List.of(e3), all.producersOf(a4).stream().map(Execution::id).toList());
    assertEquals(List.of(a3), all.inputsOf(e3).stream().map(Artifact::id).toList());
    assertEquals(List.of(a2), all.outputsOf(e1).stream().map(Artifact::id).toList());
    assertEquals(List.of(e2), all.consumersOf(a2).stream().map(Execution::id).toList());
    assertEquals("Schema", all.artifact(a4).orElseThrow().type());
  }

  @Test
  void defaultQueryIsUpstreamTwentyHops() {
    LineageQuery q = LineageQuery.ofArtifact(a6);
    assertEquals(LineageDirection.UPSTREAM, q.direction());
    assertEquals(20, q.maxHops());
    assertGraph(store.lineage(q), List.of(a1, a2, a3, a4, a6), List.of(e1, e2, e3, e5));
  }

  @Test
  void downstreamFromExamples() {
    LineageQuery q = LineageQuery.ofArtifact(a2);
    assertGraph(walk(q, LineageDirection.DOWNSTREAM, 1), List.of(a2), List.of(e2, e5));
    assertGraph(walk(q, LineageDirection.DOWNSTREAM, 2), List.of(a2, a3, a6), List.of(e2, e5));
    assertGraph(walk(q, LineageDirection.DOWNSTREAM, 4), List.of(a2, a3, a4, a5, a6),
        List.of(e2, e3, e4, e5));
    assertGraph(walk(q, LineageDirection.DOWNSTREAM, LineageQuery.UNLIMITED),
        List.of(a2, a3, a4, a5, a6), List.of(e2, e3, e4, e5));
  }

  @Test
  void bothFromStatisticsIsUnionWithoutSiblings() {
    LineageQuery q = LineageQuery.ofArtifact(a3);
    assertGraph(walk(q, LineageDirection.BOTH, 1), List.of(a3), List.of(e2, e3, e4));
    assertGraph(walk(q, LineageDirection.BOTH, 2), List.of(a2, a3, a4, a5), List.of(e2, e3, e4));
    assertGraph(walk(q, LineageDirection.BOTH, 4), List.of(a1, a2, a3, a4, a5, a6),
        List.of(e1, e2, e3, e4, e5));
    assertGraph(walk(q, LineageDirection.BOTH, LineageQuery.UNLIMITED),
        List.of(a1, a2, a3, a4, a5, a6), List.of(e1, e2, e3, e4, e5));
    // From the anomalies, BOTH goes upstream only (nothing reads a5): the validator and its
    // inputs, but not the trainer, which also reads a4 (a sibling consumer, not a descendant).
    assertGraph(walk(LineageQuery.ofArtifact(a5), LineageDirection.BOTH, 2), List.of(a3, a4, a5),
        List.of(e4));
  }

  @Test
  void fromAnExecution() {
    LineageQuery q = LineageQuery.ofExecution(e3);
    assertGraph(walk(q, LineageDirection.UPSTREAM, 1), List.of(a3), List.of(e3));
    assertGraph(walk(q, LineageDirection.UPSTREAM, 2), List.of(a3), List.of(e2, e3));
    assertGraph(walk(q, LineageDirection.DOWNSTREAM, 2), List.of(a4), List.of(e3, e4, e5));
  }
}
