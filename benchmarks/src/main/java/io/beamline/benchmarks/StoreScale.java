package io.beamline.benchmarks;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactAndEvent;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.Event;
import io.beamline.metadata.EventType;
import io.beamline.metadata.Execution;
import io.beamline.metadata.ExecutionRecord;
import io.beamline.metadata.ExecutionState;
import io.beamline.metadata.LineageDirection;
import io.beamline.metadata.LineageGraph;
import io.beamline.metadata.LineageQuery;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.PropertyType;
import io.beamline.metadata.Value;
import io.beamline.orchestrator.DeadRuns;
import io.beamline.orchestrator.RunSummary;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The store at scale: builds a store of 5,000 pipeline runs (10 pipelines) of six executions each,
 * 30,000 executions and 100,000 artifacts recorded the orchestrator's way (compound puts with
 * events, attributions and associations, custom properties), then times what the listing commands
 * run: {@code artifacts --type Model} (artifacts of a type, then their producing executions),
 * {@code runs} (dead-run check, then the newest 20 runs with their executions) and a 5-hop
 * upstream lineage. Public store API only; prints one line per query (median and slowest of 7,
 * after a warm-up). A store left by an earlier run is reused, migrated first if older.
 *
 * <pre>
 * StoreScale                                   a fresh SQLite file under target/store-scale
 * StoreScale jdbc:postgresql://HOST/DB         an empty PostgreSQL database
 * </pre>
 */
public final class StoreScale {
  private static final int PIPELINES = 10;
  private static final int RUNS = 5_000;
  private static final int RUNS_PER_TRANSACTION = 25;
  /** Outputs of the six executions of a run; with the run's input file, 20 artifacts a run. */
  private static final String[][] STEPS = {
      {"ExampleGen", "Examples", "ExampleRejects", "ExampleSplits", "ExampleReport", "ExampleSample"},
      {"StatisticsGen", "ExampleStatistics", "StatisticsPage"},
      {"SchemaGen", "Schema", "SchemaJson"},
      {"ExampleValidator", "ExampleAnomalies", "AnomaliesPage"},
      {"Trainer", "Model", "ModelRun", "Checkpoints", "TensorBoardLogs"},
      {"Evaluator", "ModelEvaluation", "ModelBlessing", "EvaluationPage", "SliceMetrics"}};

  private StoreScale() {}

  public static void main(String[] args) throws Exception {
    String url;
    if (args.length > 0) {
      url = args[0];
    } else {
      Path file = Path.of("target", "store-scale", "metadata.sqlite");
      Files.createDirectories(file.getParent());
      url = "jdbc:sqlite:" + file.toAbsolutePath();
    }
    try (MetadataStore store = MetadataStore.open(url)) {
      // A store built by an earlier run is reused (and migrated if it is older): building takes
      // minutes, the queries are what is measured.
      if (store.getArtifactsByType("ModelEvaluation", 1).isEmpty()) {
        long start = System.nanoTime();
        build(store);
        System.out.printf("built in %.1f s%n", (System.nanoTime() - start) / 1e9);
      }
      long lastEvaluation = store.getArtifactsByType("ModelEvaluation", 1).get(0).id();
      System.out.printf("store %s: %d artifacts (the newest id), %d executions%n",
          MetadataStore.displayUrl(url),
          store.getArtifacts(1).get(0).id(), RUNS * STEPS.length);
      time("artifacts --type Model", () -> artifactsOfType(store, "Model", 100));
      time("  the same, --limit 0", () -> artifactsOfType(store, "Model", 0));
      time("runs", () -> runs(store));
      time("lineage (5 hops up)", () -> store.lineage(LineageQuery.ofArtifact(lastEvaluation)
          .withDirection(LineageDirection.UPSTREAM).withMaxHops(5)).artifacts().size());
      // The run's input file, 16 ids before its evaluation (20 artifacts a run, see STEPS).
      time("lineage (5 hops down)", () -> store.lineage(LineageQuery.ofArtifact(lastEvaluation - 16)
          .withDirection(LineageDirection.DOWNSTREAM).withMaxHops(5)).artifacts().size());
    }
  }

  private static void build(MetadataStore store) {
    store.putArtifactType("Data", Map.of());
    for (String[] step : STEPS) {
      store.putExecutionType(step[0], Map.of());
      for (int i = 1; i < step.length; i++) {
        store.putArtifactType(step[i], Map.of("span", PropertyType.INT));
      }
    }
    ContextTypes.register(store);
    List<Context> pipelines = new ArrayList<>();
    for (int p = 0; p < PIPELINES; p++) {
      pipelines.add(store.putContextIfAbsent(Context.create(ContextTypes.PIPELINE, "scale_" + p)));
    }
    for (int first = 0; first < RUNS; first += RUNS_PER_TRANSACTION) {
      int from = first;
      store.inTransaction(s -> {
        for (int r = from; r < from + RUNS_PER_TRANSACTION; r++) {
          run(s, pipelines.get(r % PIPELINES), r);
        }
        return null;
      });
    }
  }

  private static void run(MetadataStore s, Context pipeline, int r) {
    long startMillis = 1_700_000_000_000L + r * 60_000L;
    Context run = s.putContext(Context.create(ContextTypes.PIPELINE_RUN, pipeline.name() + "-run-" + r)
        .withCustomProperty("state", Value.of("COMPLETE"))
        .withCustomProperty("start_time", Value.of(startMillis))
        .withCustomProperty("end_time", Value.of(startMillis + 50_000))
        .withCustomProperty("owner_host", Value.of("bench"))
        .withCustomProperty("owner_pid", Value.of(4242)));
    s.putParentContext(run.id(), pipeline.id());
    List<Context> contexts = List.of(pipeline, run);
    List<Artifact> inputs = List.of(s.putArtifact(Artifact.create("Data", "/data/" + r + ".csv")
        .withState(ArtifactState.LIVE)));
    for (String[] step : STEPS) {
      List<ArtifactAndEvent> events = new ArrayList<>();
      for (Artifact in : inputs) {
        events.add(ArtifactAndEvent.input(in, "in"));
      }
      for (String type : Arrays.asList(step).subList(1, step.length)) {
        events.add(ArtifactAndEvent.output(Artifact.create(type, "/artifacts/" + pipeline.name() + "/"
                + step[0] + "/" + type + "/" + r + "/").withState(ArtifactState.LIVE)
            .withProperty("span", Value.of(r))
            .withCustomProperty("output_key", Value.of(type.toLowerCase())), type.toLowerCase()));
      }
      ExecutionRecord done = s.putExecution(Execution.create(step[0], step[0])
          .withState(ExecutionState.COMPLETE)
          .withCustomProperty("cache_key", Value.of(pipeline.name() + "/" + step[0] + "/" + r)), events,
          contexts);
      List<Artifact> outputs = done.artifacts().subList(inputs.size(), done.artifacts().size());
      inputs = List.of(outputs.get(0));
    }
  }

  /** What {@code beamline artifacts --type T --limit N} reads: the artifacts, then their producers. */
  private static int artifactsOfType(MetadataStore store, String type, int limit) {
    List<Artifact> artifacts = limit == 0 ? store.getArtifactsByType(type)
        : store.getArtifactsByType(type, limit);
    List<Long> producers = store.getEventsByArtifactIds(artifacts.stream().map(Artifact::id).toList())
        .stream().filter(e -> e.type() == EventType.OUTPUT).map(Event::executionId).toList();
    return artifacts.size() + store.getExecutions(producers).size();
  }

  /** What {@code beamline runs} reads: the dead-run check, then the newest 20 runs. */
  private static int runs(MetadataStore store) {
    return DeadRuns.find(store, DeadRuns.DEFAULT_LEASE).size()
        + RunSummary.newest(store, 20).stream().mapToInt(r -> r.executions().size()).sum();
  }

  /**
   * Wall time, and this thread's CPU time, which on a loaded machine says more: SQLite runs in the
   * calling thread (PostgreSQL's own work is not in it).
   */
  private static void time(String what, Supplier<Integer> query) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int size = query.get();
    long[] wall = new long[7];
    long[] cpu = new long[7];
    for (int i = 0; i < wall.length; i++) {
      long c = threads.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      query.get();
      wall[i] = (System.nanoTime() - t) / 1_000_000;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1_000_000;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf("  %-24s %6d rows   wall median %5d ms, slowest %5d ms   cpu median %5d ms%n",
        what, size, wall[wall.length / 2], wall[wall.length - 1], cpu[cpu.length / 2]);
  }
}
