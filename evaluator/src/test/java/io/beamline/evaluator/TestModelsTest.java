package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestModelsTest {
  @TempDir Path tmp;

  @Test
  void exportsASavedModelWithVariables() throws Exception {
    Path model = TestModels.good(tmp.resolve("m"));
    assertTrue(Files.exists(model.resolve("Format-Serving/saved_model.pb")));
    assertTrue(Files.isDirectory(model.resolve("Format-Serving/variables")));
    assertEquals(0.5f, TestModels.goodProbability(0f, 1f / 6f), 1e-6f);
  }
}
