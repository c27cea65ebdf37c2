package io.beamline.trainer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.BeamlineException;
import io.beamline.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code state.json} in the checkpoint directory: how far training got, so a restarted run picks up
 * after the last saved epoch. Variables of epoch N are under {@code epoch-N/variables}.
 *
 * @param fingerprint the model-defining parameters and preprocessing this state belongs to
 * @param history metrics of every finished epoch, in order
 * @param bestEpoch the epoch with the lowest eval loss so far
 * @param stopped true when early stopping ended the training
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CheckpointState(String fingerprint, List<EpochMetrics> history, int bestEpoch, boolean stopped) {
  static final String FILE = "state.json";

  CheckpointState {
    history = List.copyOf(history);
  }

  int epochsDone() {
    return history.size();
  }

  static Path variables(Path dir, int epoch) {
    return dir.resolve(String.format("epoch-%04d", epoch)).resolve("variables");
  }

  static Optional<CheckpointState> read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(Files.readString(file, StandardCharsets.UTF_8), CheckpointState.class));
    } catch (IOException | RuntimeException e) {
      throw new BeamlineException("Cannot read checkpoint state " + file + ": " + e.getMessage(), e);
    }
  }

  /** Written to a temporary file and renamed, so a kill mid-write leaves the previous state intact. */
  void write(Path dir) {
    try {
      Path tmp = dir.resolve(FILE + ".tmp");
      Files.writeString(tmp, Json.writePretty(this), StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BeamlineException("Cannot write checkpoint state in " + dir + ": " + e.getMessage(), e);
    }
  }
}
