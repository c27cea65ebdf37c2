package io.beamline.metadata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A separate process for {@link MultiProcessTest}: waits for the start flag file, then records
 * {@code count} executions the way the orchestrator does, each in two transactions: the execution
 * RUNNING with its input and a PENDING output, attributed to the shared pipeline context (which
 * every writer creates if absent, all at once), its own run and node; then the execution COMPLETE
 * and the output LIVE. Prints {@code writes=N millis=M retries=R} at the end; exits 1 (stack
 * trace captured by the test) on failure.
 *
 * <p>Arguments: store URL, writer name, count, start flag file.
 */
public final class ConcurrentWriterMain {
  private ConcurrentWriterMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String writer = args[1];
    int count = Integer.parseInt(args[2]);
    Path flag = Path.of(args[3]);
    long deadline = System.currentTimeMillis() + 120_000;
    while (!Files.exists(flag)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("start flag " + flag + " never appeared");
      }
      Thread.sleep(5);
    }
    long start = System.nanoTime();
    try (MetadataStore store = MetadataStore.open(url)) {
      store.putArtifactType("Examples", Map.of("writer", PropertyType.STRING));
      store.putArtifactType("Model", Map.of());
      store.putExecutionType("Trainer", Map.of("i", PropertyType.INT));
      ContextTypes.register(store);
      for (int i = 0; i < count; i++) {
        ExecutionRecord running = store.putExecution(
            Execution.create("Trainer", writer).withState(ExecutionState.RUNNING)
                .withProperty("i", Value.of(i)),
            List.of(
                ArtifactAndEvent.input(Artifact.create("Examples", "/in/" + writer + "/" + i)
                    .withProperty("writer", Value.of(writer)).withState(ArtifactState.LIVE),
                    "examples"),
                ArtifactAndEvent.output(Artifact.create("Model", "/out/" + writer + "/" + i),
                    "model")),
            List.of(Context.create(ContextTypes.PIPELINE, "shared"),
                Context.create(ContextTypes.PIPELINE_RUN, writer + "-run-" + (i % 5)),
                Context.create(ContextTypes.NODE, writer)));
        store.inTransaction(s -> {
          s.putExecution(running.execution().withState(ExecutionState.COMPLETE));
          s.putArtifact(running.artifacts().get(1).withState(ArtifactState.LIVE));
          return null;
        });
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("writes=" + 2 * count + " millis=" + millis + " retries="
          + store.retries());
    }
  }
}
