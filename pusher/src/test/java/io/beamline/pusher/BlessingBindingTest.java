package io.beamline.pusher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ModelFingerprint;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model is pushed only under a blessing made for it, and only to a destination given plainly. */
class BlessingBindingTest {
  @TempDir Path tmp;
  Path modelA;
  Path modelC;

  private static Path savedModel(Path dir, byte weight) throws IOException {
    Path serving = Files.createDirectories(dir.resolve("Format-Serving/variables"));
    Files.write(serving.getParent().resolve("saved_model.pb"), new byte[] {8, 1, 2, 3});
    Files.write(serving.resolve("variables.data-00000-of-00001"), new byte[] {weight});
    return dir;
  }

  @BeforeEach
  void models() throws IOException {
    modelA = savedModel(tmp.resolve("a"), (byte) 1);
    modelC = savedModel(tmp.resolve("c"), (byte) 2);
  }

  private ArtifactProperties push(Path model, ResolvedArtifact blessing, String destination) {
    return ComponentRun.of(new Pusher())
        .withParameters(PusherParameters.to(destination))
        .withInput(Pusher.MODEL, ResolvedArtifact.at(ArtifactType.MODEL, model.toString()))
        .withInput(Pusher.BLESSING, blessing)
        .withOutput(Pusher.PUSHED_MODEL, tmp.resolve("out-" + System.nanoTime()).toString())
        .run().output(Pusher.PUSHED_MODEL).properties();
  }

  private ResolvedArtifact blessing(ArtifactProperties props) {
    return new ResolvedArtifact(7, ArtifactType.MODEL_BLESSING, tmp.resolve("blessing").toString(), props);
  }

  private static ArtifactProperties blessed() {
    return ArtifactProperties.empty().with(PropertyNames.BLESSED, true).with(PropertyNames.MESSAGE, "ok");
  }

  @Test
  void aBlessingForAnotherModelsBytesIsRefused() {
    ResolvedArtifact forC = blessing(blessed().with(PropertyNames.CANDIDATE_MODEL_URI, modelA.toString())
        .with(PropertyNames.CANDIDATE_MODEL_FINGERPRINT, ModelFingerprint.of(modelC.toString())));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> push(modelA, forC, tmp.resolve("serving").toString()));
    assertTrue(e.getMessage().contains("was made for another model"), e.getMessage());
    assertTrue(e.getMessage().contains(ModelFingerprint.of(modelC.toString())), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("serving")));
  }

  @Test
  void aBlessingNamingAnotherModelsUriIsRefused() {
    ResolvedArtifact forC = blessing(blessed().with(PropertyNames.CANDIDATE_MODEL_URI, modelC.toString()));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> push(modelA, forC, tmp.resolve("serving").toString()));
    assertEquals("Blessing " + tmp.resolve("blessing") + " was made for model " + modelC + ", not for " + modelA
        + "; refusing to push", e.getMessage());
  }

  @Test
  void theSameBytesCopiedElsewhereKeepTheirBlessing() throws IOException {
    ResolvedArtifact forA = blessing(blessed().with(PropertyNames.CANDIDATE_MODEL_URI, modelA.toString())
        .with(PropertyNames.CANDIDATE_MODEL_FINGERPRINT, ModelFingerprint.of(modelA.toString())));
    Path copy = savedModel(tmp.resolve("copy-of-a"), (byte) 1);
    assertTrue(push(copy, forA, tmp.resolve("serving").toString()).getBoolean(PropertyNames.PUSHED));
  }

  @Test
  void aUriOnlyBlessingForThisModelPushes() {
    ResolvedArtifact forA = blessing(blessed().with(PropertyNames.CANDIDATE_MODEL_URI, modelA + "/"));
    assertTrue(push(modelA, forA, tmp.resolve("serving").toString()).getBoolean(PropertyNames.PUSHED));
  }

  @Test
  void aBareBlessedFileIsNotABlessing() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bare"));
    Files.writeString(dir.resolve("BLESSED"), "");
    ResolvedArtifact bare = new ResolvedArtifact(8, ArtifactType.MODEL_BLESSING, dir.toString(),
        ArtifactProperties.empty());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> push(modelA, bare, tmp.resolve("serving").toString()));
    assertTrue(e.getMessage().contains("does not say which model it blesses"), e.getMessage());
    ResolvedArtifact unbound = blessing(ArtifactProperties.empty()
        .with(PropertyNames.CANDIDATE_MODEL_FINGERPRINT, ModelFingerprint.of(modelA.toString())));
    e = assertThrows(InvalidInputException.class, () -> push(modelA, unbound, tmp.resolve("serving").toString()));
    assertTrue(e.getMessage().contains("a BLESSED file alone is not a blessing"), e.getMessage());
  }

  @Test
  void aDestinationWithParentSegmentsIsRefusedNotNormalized() {
    ResolvedArtifact forA = blessing(blessed().with(PropertyNames.CANDIDATE_MODEL_FINGERPRINT,
        ModelFingerprint.of(modelA.toString())));
    String sneaky = tmp.resolve("serving") + "/../elsewhere";
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> push(modelA, forA, sneaky));
    assertEquals("Pusher destination '" + sneaky + "' has a '..' segment; give the serving directory without '..'",
        e.getMessage());
    assertFalse(Files.exists(tmp.resolve("elsewhere")));
  }
}
