package io.beamline.trainer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactUris;
import io.beamline.statsgen.StatisticsGen;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input fails before or during training with a message naming the problem, and publishes nothing. */
class BadInputTest {
  @TempDir Path dir;

  @Test
  void labelNotInSchema() {
    RuntimeException e = fails(InvalidInputException.class, Taxi.parameters().withLabel("big_spender"));
    assertTrue(e.getMessage().contains("Label 'big_spender' is not a feature of the schema"), e.getMessage());
  }

  @Test
  void labelNotBinary() {
    RuntimeException e = fails(InvalidInputException.class, Taxi.parameters().withLabel("trip_start_hour"));
    assertTrue(e.getMessage().contains("Label 'trip_start_hour' is not binary"), e.getMessage());
    assertTrue(e.getMessage().contains("expected only 0 and 1"), e.getMessage());
  }

  @Test
  void featureNotInSchema() {
    RuntimeException e = fails(InvalidParameterException.class,
        Taxi.parameters().withFeatures(List.of("fare", "tip_percent")));
    assertTrue(e.getMessage().contains("Feature 'tip_percent' is not in the schema"), e.getMessage());
  }

  @Test
  void emptyTrainSplit() throws Exception {
    // The taxi eval split next to a train split whose one TFRecord file holds no records.
    Path examples = dir.resolve("examples");
    Path eval = Files.createDirectories(examples.resolve("Split-eval"));
    try (Stream<Path> files = Files.list(Path.of(Taxi.get().examples, "Split-eval"))) {
      for (Path f : files.toList()) {
        Files.copy(f, eval.resolve(f.getFileName()));
      }
    }
    Path train = Files.createDirectories(examples.resolve("Split-train"));
    Path empty = train.resolve("data_tfrecord-00000-of-00001.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(empty))) {
      out.flush();
    }
    String stats = StatisticsGen.run(examples.toString(), dir.resolve("stats").toString())
        .output(StatisticsGen.STATISTICS).uri();
    RuntimeException e = assertThrows(InvalidInputException.class, () -> Trainer.run(examples.toString(),
        Taxi.get().schema, stats, Taxi.parameters(), dir.resolve("out").toString()));
    assertTrue(e.getMessage().contains("The train split 'train' is empty"), e.getMessage());
    assertNothingPublished();
  }

  private RuntimeException fails(Class<? extends RuntimeException> type, TrainerParameters p) {
    Taxi taxi = Taxi.get();
    RuntimeException e = assertThrows(type, () -> Trainer.run(taxi.examples, taxi.schema, taxi.statistics, p,
        dir.resolve("out").toString()));
    assertNothingPublished();
    return e;
  }

  private void assertNothingPublished() {
    assertFalse(Files.exists(Path.of(ArtifactUris.child(dir.resolve("out").toString(), Trainer.MODEL))));
    assertFalse(Files.exists(Path.of(ArtifactUris.child(dir.resolve("out").toString(), Trainer.MODEL_RUN))));
  }
}
