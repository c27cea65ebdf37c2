package io.beamline.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ComponentResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResumeTest {
  @TempDir Path dir;

  @Test
  void restartedTrainingResumesFromItsLastCheckpointAndEndsWhereAnUninterruptedOneEnds() throws Exception {
    Taxi taxi = Taxi.get();
    String checkpoints = dir.resolve("work").toString();
    TrainerParameters four = Taxi.parameters().withEpochs(4).withCheckpointDir(checkpoints);

    // A training "killed" after epoch 2: only its checkpoint directory survives for the next run.
    ComponentResult first = Trainer.run(taxi.examples, taxi.schema, taxi.statistics, four.withEpochs(2),
        dir.resolve("first").toString());
    assertEquals(2, first.output(Trainer.MODEL).properties().getLong("epochs_run"));
    ComponentResult resumed = Trainer.run(taxi.examples, taxi.schema, taxi.statistics, four,
        dir.resolve("resumed").toString());
    ComponentResult straight = Trainer.run(taxi.examples, taxi.schema, taxi.statistics,
        four.withCheckpointDir(dir.resolve("other").toString()), dir.resolve("straight").toString());

    ArtifactProperties run = resumed.output(Trainer.MODEL_RUN).properties();
    assertEquals(2, run.getLong("resumed_from_epoch"));
    assertEquals(4, run.getLong("epochs_run"));
    JsonNode metrics = Json.tree(Files.readString(Path.of(resumed.output(Trainer.MODEL_RUN).uri(),
        Trainer.METRICS_FILE)));
    assertEquals(4, metrics.get("epochs").size());
    // Adam's moments and step count are variables too, so resuming changes nothing: same numbers
    // as the run that never stopped (deterministic on CPU).
    assertEquals(straight.output(Trainer.MODEL).properties().getDouble("eval_loss"),
        resumed.output(Trainer.MODEL).properties().getDouble("eval_loss"));
    assertTrue(Files.isDirectory(Path.of(checkpoints, "epoch-0004")));

    // The checkpoint belongs to that training: other model-shaping parameters are refused, not mixed in.
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Trainer.run(taxi.examples,
        taxi.schema, taxi.statistics, four.withOptimizer(OptimizerType.SGD, 0.1), dir.resolve("other-run").toString()));
    assertTrue(e.getMessage().contains("holds a training with other parameters"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("other-run").resolve(Trainer.MODEL)));
  }
}
