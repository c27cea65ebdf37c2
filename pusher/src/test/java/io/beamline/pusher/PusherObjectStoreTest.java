package io.beamline.pusher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pusher against object-store semantics ({@link ObjectStoreFileSystem}): no directories, no atomic rename. */
class PusherObjectStoreTest {
  private static final String BASE = "objstore://bucket/serving";
  private static final Map<String, byte[]> MODEL_FILES = Map.of(
      "saved_model.pb", new byte[] {8, 1, 2, 3},
      "variables/variables.index", "index".getBytes(StandardCharsets.UTF_8),
      "variables/variables.data-00000-of-00001", "weights".getBytes(StandardCharsets.UTF_8));

  // The tests bind artifacts with new ResolvedArtifact(...), not ResolvedArtifact.at (which reads a
  // manifest through FileSystems first), so that the pusher's own registration of file systems from
  // its pipeline options is what makes objstore:// known; no test calls setDefaultPipelineOptions.
  @TempDir Path tmp;
  Path model;

  @BeforeEach
  void storeAndModel() throws IOException {
    ObjectStoreFileSystem.reset(tmp.resolve("store"));
    model = tmp.resolve("model");
    for (Map.Entry<String, byte[]> f : MODEL_FILES.entrySet()) {
      Path p = model.resolve("Format-Serving").resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
  }

  private ArtifactProperties push(long clock, String modelUri, String destination, boolean blessed) {
    return ComponentRun.of(new Pusher(() -> clock, f -> { }))
        .withParameters(PusherParameters.to(destination))
        .withInput(Pusher.MODEL, new ResolvedArtifact(9, ArtifactType.MODEL, modelUri, ArtifactProperties.empty()))
        .withInput(Pusher.BLESSING, new ResolvedArtifact(3, ArtifactType.MODEL_BLESSING, tmp.resolve("b").toString(),
            ArtifactProperties.empty().with("blessed", blessed).with("message", blessed ? "ok" : "auc fell")
                .with(PropertyNames.CANDIDATE_MODEL_URI, modelUri)))
        .withOutput(Pusher.PUSHED_MODEL, tmp.resolve("out-" + System.nanoTime()).toString())
        .run().output(Pusher.PUSHED_MODEL).properties();
  }

  private ArtifactProperties push(long clock) {
    return push(clock, model.toString(), BASE, true);
  }

  private static void assertVersionHoldsTheModel(long version) throws IOException {
    Map<String, byte[]> objects = ObjectStoreFileSystem.objects();
    for (Map.Entry<String, byte[]> f : MODEL_FILES.entrySet()) {
      String uri = BASE + "/" + version + "/" + f.getKey();
      assertTrue(objects.containsKey(uri), uri + " in " + objects.keySet());
      assertArrayEquals(f.getValue(), objects.get(uri), uri);
    }
  }

  @Test
  void pushesTheServingFilesByteForByteUnderANewVersion() throws Exception {
    List<String> copies = new ArrayList<>();
    ObjectStoreFileSystem.hook((op, uri) -> {
      if (op.equals("copy")) {
        copies.add(uri);
        if (uri.endsWith("/saved_model.pb")) {
          // saved_model.pb goes last: every other file of the version is already there.
          assertTrue(ObjectStoreFileSystem.objects().keySet().containsAll(List.of(
              BASE + "/1700000000/variables/variables.index",
              BASE + "/1700000000/variables/variables.data-00000-of-00001")));
        }
      }
    });
    ArtifactProperties props = push(1_700_000_000L);
    assertTrue(props.getBoolean("pushed"));
    assertEquals(1_700_000_000L, props.getLong("version"));
    assertEquals(BASE + "/1700000000", props.getString("destination"));
    assertEquals(BASE, props.getString("base"));
    assertVersionHoldsTheModel(1_700_000_000L);
    assertEquals(3, ObjectStoreFileSystem.objects().size(), "no staging or claim object is left");
    assertEquals(BASE + "/1700000000/saved_model.pb", copies.get(copies.size() - 1));
  }

  @Test
  void twoPushesGiveTwoIncreasingVersions() throws Exception {
    assertEquals(100L, push(100L).getLong("version"));
    assertEquals(101L, push(100L).getLong("version"), "the same clock second again: bumped, not reused");
    assertVersionHoldsTheModel(100L);
    assertVersionHoldsTheModel(101L);
    assertEquals(6, ObjectStoreFileSystem.objects().size());
  }

  @Test
  void existingVersionsAreNeverTouchedEvenWithoutSavedModel() throws Exception {
    ObjectStoreFileSystem.put(BASE + "/5000/saved_model.pb", "older".getBytes(StandardCharsets.UTF_8));
    // A version prefix with objects but no saved_model.pb (e.g. a killed push) still counts as present.
    ObjectStoreFileSystem.put(BASE + "/7000/variables/variables.index", "partial".getBytes(StandardCharsets.UTF_8));
    List<String> writes = new ArrayList<>();
    ObjectStoreFileSystem.hook((op, uri) -> writes.add(op + " " + uri));
    assertEquals(7001L, push(10L).getLong("version"));
    Map<String, byte[]> objects = ObjectStoreFileSystem.objects();
    assertEquals("older", new String(objects.get(BASE + "/5000/saved_model.pb"), StandardCharsets.UTF_8));
    assertEquals("partial", new String(objects.get(BASE + "/7000/variables/variables.index"), StandardCharsets.UTF_8));
    assertEquals(5, objects.size());
    assertTrue(writes.stream().noneMatch(w -> w.contains("/5000/") || w.contains("/7000/")), writes.toString());
  }

  @Test
  void aFailureWhileStagingLeavesNoVersionAndNoStaging() throws Exception {
    AtomicInteger writes = new AtomicInteger();
    ObjectStoreFileSystem.hook((op, uri) -> {
      if (op.equals("write") && writes.incrementAndGet() == 2) {
        throw new IOException("upload refused (injected)");
      }
    });
    BeamlineException e = assertThrows(BeamlineException.class, () -> push(200L));
    assertTrue(e.getMessage().startsWith("Pushing " + model.resolve("Format-Serving") + " to " + BASE + " failed:"
        + " upload refused (injected); nothing was written under a version; the staged copy " + BASE + "/.tmp-"),
        e.getMessage());
    assertEquals(2, writes.get());
    assertEquals(Map.of(), ObjectStoreFileSystem.objects(), "neither a version nor staging objects are left");
  }

  @Test
  void aFailureWhilePublishingRemovesWhatWasCopied() throws Exception {
    AtomicInteger copies = new AtomicInteger();
    List<String> presentAtFailure = new ArrayList<>();
    ObjectStoreFileSystem.hook((op, uri) -> {
      if (op.equals("copy") && copies.incrementAndGet() == 2) {
        presentAtFailure.addAll(ObjectStoreFileSystem.objects().keySet());
        throw new IOException("copy refused (injected)");
      }
    });
    BeamlineException e = assertThrows(BeamlineException.class, () -> push(300L));
    assertTrue(e.getMessage().contains("copy refused (injected); the objects already copied to " + BASE + "/300/"),
        e.getMessage());
    assertFalse(e.getMessage().contains("could not be deleted"), e.getMessage());
    assertTrue(presentAtFailure.stream().anyMatch(u -> u.startsWith(BASE + "/300/")), "one object had been copied");
    assertEquals(Map.of(), ObjectStoreFileSystem.objects(), "copied, staged and claim objects are all removed");
  }

  @Test
  void aPublishFailureWhoseCleanupFailsNamesTheObjectsLeft() throws Exception {
    AtomicInteger copies = new AtomicInteger();
    ObjectStoreFileSystem.hook((op, uri) -> {
      if (op.equals("copy") && copies.incrementAndGet() == 2) {
        throw new IOException("copy refused (injected)");
      }
      if (op.equals("delete") && uri.startsWith(BASE + "/400/")) {
        throw new IOException("delete refused (injected)");
      }
    });
    BeamlineException e = assertThrows(BeamlineException.class, () -> push(400L));
    List<String> left = ObjectStoreFileSystem.objects().keySet().stream().toList();
    assertEquals(1, left.size(), left.toString());
    assertTrue(left.get(0).startsWith(BASE + "/400/variables/"), left.toString());
    assertTrue(e.getMessage().contains("could not be deleted (delete them by hand)"), e.getMessage());
    assertTrue(e.getMessage().contains(left.get(0)), e.getMessage());
  }

  @Test
  void anotherPusherClaimingTheSameVersionMakesThisOneTakeALargerOne() throws Exception {
    String foreign = BASE + "/.claim-500-other-pusher";
    ObjectStoreFileSystem.hook((op, uri) -> {
      // The other pusher claims 500 just as this one does: both claims exist when this one looks.
      if (op.equals("write") && uri.startsWith(BASE + "/.claim-500-") && !uri.equals(foreign)) {
        ObjectStoreFileSystem.put(foreign, new byte[0]);
      }
    });
    assertEquals(501L, push(500L).getLong("version"));
    assertVersionHoldsTheModel(501L);
    assertEquals(List.of(foreign), ObjectStoreFileSystem.objects().keySet().stream()
        .filter(u -> !u.startsWith(BASE + "/501/")).toList(), "nothing under 500/, the other claim untouched");
  }

  @Test
  void aModelOnTheObjectStoreIsReadThroughItsFileSystem() throws Exception {
    String remoteModel = "objstore://bucket/models/m1";
    for (Map.Entry<String, byte[]> f : MODEL_FILES.entrySet()) {
      ObjectStoreFileSystem.put(remoteModel + "/Format-Serving/" + f.getKey(), f.getValue());
    }
    assertEquals(600L, push(600L, remoteModel, BASE, true).getLong("version"));
    assertVersionHoldsTheModel(600L);
    Path local = tmp.resolve("serving");
    assertEquals(700L, push(700L, remoteModel, local.toString(), true).getLong("version"));
    assertEquals("weights", Files.readString(local.resolve("700/variables/variables.data-00000-of-00001")));
    assertArrayEquals(MODEL_FILES.get("saved_model.pb"), Files.readAllBytes(local.resolve("700/saved_model.pb")));
  }

  @Test
  void aRemoteModelWithoutSavedModelIsRejected() throws Exception {
    ObjectStoreFileSystem.put("objstore://bucket/models/m2/Format-Serving/variables/variables.index", new byte[] {1});
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> push(800L, "objstore://bucket/models/m2", BASE, true));
    assertEquals("Model objstore://bucket/models/m2 has no Format-Serving/saved_model.pb: nothing to push", e.getMessage());
  }

  @Test
  void aSchemeWithoutAFileSystemIsAClearError() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> push(900L, model.toString(), "nosuch://bucket/serving", true));
    assertTrue(e.getMessage().startsWith("Pusher destination 'nosuch://bucket/serving': no Beam file system is"
        + " registered for its scheme"), e.getMessage());
  }

  @Test
  void aModelThatIsNotBlessedIsNotPushed() throws Exception {
    ArtifactProperties props = push(1000L, model.toString(), BASE, false);
    assertFalse(props.getBoolean("pushed"));
    assertTrue(props.getString("reason").endsWith("is not blessed (auc fell); not pushed"), props.getString("reason"));
    assertEquals(Map.of(), ObjectStoreFileSystem.objects());
  }

  @Test
  void aBareBlessedFileOnTheObjectStoreIsNotABlessing() throws Exception {
    ObjectStoreFileSystem.put("objstore://bucket/blessing/BLESSED", new byte[0]);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ComponentRun.of(new Pusher(() -> 1100L, f -> { }))
            .withParameters(PusherParameters.to(BASE))
            .withInput(Pusher.MODEL, ResolvedArtifact.at(ArtifactType.MODEL, model.toString()))
            .withInput(Pusher.BLESSING, new ResolvedArtifact(3, ArtifactType.MODEL_BLESSING,
                "objstore://bucket/blessing", ArtifactProperties.empty()))
            .withOutput(Pusher.PUSHED_MODEL, tmp.resolve("p").toString())
            .run());
    assertTrue(e.getMessage().contains("does not say which model it blesses"), e.getMessage());
    assertTrue(ObjectStoreFileSystem.objects().keySet().stream().noneMatch(k -> k.startsWith(BASE)), "nothing pushed");
  }
}
