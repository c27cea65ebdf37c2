package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/** Scorers of one model share its session, score from several threads at once and close it last. */
class LoadedModelsTest {
  @TempDir Path dir;

  @Test
  void scorersOfOneModelShareItAndTheLastOneClosesIt() throws Exception {
    Path model = TestModels.good(dir.resolve("good"));
    EvalData data = EvalData.write(dir.resolve("examples"), 400, 3);
    List<byte[]> serialized = data.examples.stream().map(Example::toByteArray).toList();
    long[] indexes = new long[serialized.size()];
    int before = LoadedModels.loadedCount();

    SavedModelScorer first = SavedModelScorer.load(model.toString(), ModelSpec.defaults());
    float[] expected = first.score(serialized, null, indexes).values();
    List<SavedModelScorer> others = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 4; i++) {
        others.add(SavedModelScorer.load(model.toString(), ModelSpec.defaults()));
      }
      assertEquals(before + 1, LoadedModels.loadedCount(), "one loaded copy for five scorers");
      List<Future<float[]>> scored = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (SavedModelScorer s : others) {
          scored.add(pool.submit(() -> s.score(serialized, null, indexes).values()));
        }
      }
      for (Future<float[]> f : scored) {
        assertArrayEquals(expected, f.get());
      }
    } finally {
      pool.shutdown();
      others.forEach(SavedModelScorer::close);
    }
    others.get(0).close();  // a second close gives nothing back twice
    assertEquals(before + 1, LoadedModels.loadedCount(), "the first scorer still holds it");
    first.close();
    assertEquals(before, LoadedModels.loadedCount());
  }

  @Test
  void aScorerThatFailsItsChecksGivesTheModelBack() throws Exception {
    Path model = TestModels.good(dir.resolve("good"));
    int before = LoadedModels.loadedCount();
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SavedModelScorer.load(model.toString(),
        new ModelSpec("no_such_signature", null, null, null)));
    assertTrue(e.getMessage().contains("no signature 'no_such_signature'"), e.getMessage());
    assertEquals(before, LoadedModels.loadedCount());
  }
}
