package io.beamline.metadata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A separate process for {@link MultiProcessTest}: waits for {@code <file>.start}, then writes
 * {@code count} executions, each with an input and an output artifact, one transaction each.
 * Exits 0 on success, 1 (stack trace on stderr, captured by the test) on failure.
 */
public final class ConcurrentWriterMain {
  private ConcurrentWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String writer = args[1];
    int count = Integer.parseInt(args[2]);
    Path flag = Path.of(args[0] + ".start");
    long deadline = System.currentTimeMillis() + 60_000;
    while (!Files.exists(flag)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("start flag " + flag + " never appeared");
      }
      Thread.sleep(5);
    }
    try (MetadataStore store = MetadataStore.openSqlite(file)) {
      store.putArtifactType("Examples", Map.of("writer", PropertyType.STRING));
      store.putArtifactType("Model", Map.of());
      store.putExecutionType("Trainer", Map.of("i", PropertyType.INT));
      ContextTypes.register(store);
      for (int i = 0; i < count; i++) {
        store.putExecution(
            Execution.create("Trainer", writer).withState(ExecutionState.COMPLETE)
                .withProperty("i", Value.of(i)),
            List.of(
                ArtifactAndEvent.input(Artifact.create("Examples", "/in/" + writer + "/" + i)
                    .withProperty("writer", Value.of(writer)), "examples"),
                ArtifactAndEvent.output(Artifact.create("Model", "/out/" + writer + "/" + i),
                    "model")),
            List.of(Context.create(ContextTypes.PIPELINE, "shared"),
                Context.create(ContextTypes.NODE, writer)));
      }
    }
  }
}
