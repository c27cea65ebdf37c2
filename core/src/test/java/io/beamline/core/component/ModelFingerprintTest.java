package io.beamline.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFingerprintTest {
  @TempDir Path tmp;
  Path model;
  Path serving;

  @BeforeEach
  void model() throws IOException {
    model = tmp.resolve("model [1]");
    serving = Files.createDirectories(model.resolve("Format-Serving/variables"));
    Files.write(serving.getParent().resolve("saved_model.pb"), new byte[] {8, 1, 2, 3});
    Files.writeString(serving.resolve("variables.index"), "index");
    Files.writeString(serving.resolve("variables.data-00000-of-00001"), "weights");
  }

  @Test
  void theSameBytesGiveTheSameFingerprintWhereverTheyAre() throws IOException {
    String first = ModelFingerprint.of(model.toString());
    assertTrue(first.matches("sha256:[0-9a-f]{64}"), first);
    assertEquals(first, ModelFingerprint.of(model.toString()));
    Path copy = tmp.resolve("copy");
    try (var files = Files.walk(model)) {
      for (Path p : files.toList()) {
        Path to = copy.resolve(model.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    assertEquals(first, ModelFingerprint.of(copy.toString()));
    assertEquals(first, ModelFingerprint.of(model.resolve("Format-Serving").toString()), "the SavedModel dir itself");
  }

  @Test
  void aChangedByteAnAddedFileOrARenamedFileChangeIt() throws IOException {
    String before = ModelFingerprint.of(model.toString());
    Files.writeString(serving.resolve("variables.data-00000-of-00001"), "weightz");
    String changed = ModelFingerprint.of(model.toString());
    assertNotEquals(before, changed);
    Files.writeString(serving.getParent().resolve("assets.txt"), "");
    String added = ModelFingerprint.of(model.toString());
    assertNotEquals(changed, added);
    Files.move(serving.getParent().resolve("assets.txt"), serving.getParent().resolve("assets2.txt"));
    assertNotEquals(added, ModelFingerprint.of(model.toString()));
  }

  @Test
  void aDirectoryWithoutSavedModelIsNotAModel() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty/Format-Serving"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ModelFingerprint.of(empty.getParent().toString()));
    assertTrue(e.getMessage().contains("has no saved_model.pb"), e.getMessage());
  }
}
