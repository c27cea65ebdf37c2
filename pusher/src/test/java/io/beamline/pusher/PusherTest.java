package io.beamline.pusher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.BeamlineException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ModelFingerprint;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PusherTest {
  @TempDir Path tmp;
  Path model;
  Path base;

  /** A model artifact laid out like the trainer's: Format-Serving/saved_model.pb + variables/. */
  @BeforeEach
  void model() throws IOException {
    model = tmp.resolve("model");
    Path serving = Files.createDirectories(model.resolve("Format-Serving/variables"));
    Files.write(serving.getParent().resolve("saved_model.pb"), new byte[] {8, 1, 2, 3});
    Files.writeString(serving.resolve("variables.index"), "index");
    Files.writeString(serving.resolve("variables.data-00000-of-00001"), "weights");
    base = tmp.resolve("serving");
  }

  private ResolvedArtifact blessing(boolean blessed) {
    return new ResolvedArtifact(3, ArtifactType.MODEL_BLESSING, tmp.resolve("blessing").toString(),
        ArtifactProperties.empty().with("blessed", blessed).with("message", blessed ? "ok" : "auc fell")
            .with(PropertyNames.CANDIDATE_MODEL_FINGERPRINT, ModelFingerprint.of(model.toString())));
  }

  private ComponentResult push(Pusher pusher, boolean blessed, String outName) {
    return ComponentRun.of(pusher)
        .withParameters(PusherParameters.to(base.toString()))
        .withInput(Pusher.MODEL, new ResolvedArtifact(9, ArtifactType.MODEL, model.toString(), ArtifactProperties.empty()))
        .withInput(Pusher.BLESSING, blessing(blessed))
        .withOutput(Pusher.PUSHED_MODEL, tmp.resolve(outName).toString())
        .run();
  }

  private static Pusher atClock(long seconds, VersionedCopy.CopyHook hook) {
    return new Pusher(() -> seconds, hook);
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> s = Files.list(base)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void pushesABlessedModelAsAVersionDirectory() throws Exception {
    ArtifactProperties props = push(atClock(1_700_000_000L, f -> { }), true, "p1").output(Pusher.PUSHED_MODEL).properties();
    assertTrue(props.getBoolean("pushed"));
    assertEquals(1_700_000_000L, props.getLong("version"));
    Path version = base.resolve("1700000000");
    assertEquals(version.toString(), props.getString("destination"));
    assertTrue(Files.exists(version.resolve("saved_model.pb")));
    assertEquals("weights", Files.readString(version.resolve("variables/variables.data-00000-of-00001")));
    assertEquals(List.of("1700000000"), entries());
  }

  @Test
  void twoPushesGiveTwoIncreasingVersions() throws Exception {
    long first = push(atClock(100L, f -> { }), true, "p1").output(Pusher.PUSHED_MODEL).properties().getLong("version");
    // The same clock second again: the version is bumped, not reused.
    long second = push(atClock(100L, f -> { }), true, "p2").output(Pusher.PUSHED_MODEL).properties().getLong("version");
    assertEquals(100L, first);
    assertEquals(101L, second);
    assertEquals(List.of("100", "101"), entries());
  }

  @Test
  void anExistingVersionIsNeverTouched() throws Exception {
    Path existing = Files.createDirectories(base.resolve("5000"));
    Files.writeString(existing.resolve("saved_model.pb"), "older model");
    long version = push(atClock(10L, f -> { }), true, "p").output(Pusher.PUSHED_MODEL).properties().getLong("version");
    assertEquals(5001L, version);
    assertEquals("older model", Files.readString(existing.resolve("saved_model.pb")));
    try (Stream<Path> s = Files.list(existing)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void aFailureMidCopyLeavesNoVersionDirectory() throws Exception {
    AtomicInteger copied = new AtomicInteger();
    Pusher failing = atClock(200L, f -> {
      if (copied.incrementAndGet() == 2) {
        throw new IOException("disk full (injected)");
      }
    });
    BeamlineException e = assertThrows(BeamlineException.class, () -> push(failing, true, "p"));
    assertTrue(e.getMessage().endsWith("failed: disk full (injected); no version directory was created"),
        e.getMessage());
    assertEquals(2, copied.get());
    assertEquals(List.of(), entries(), "neither a version nor the temporary copy is left");
    assertFalse(Files.exists(tmp.resolve("p")), "no PushedModel artifact is published");
  }

  @Test
  void notBlessedIsNotPushedAndSucceeds() throws Exception {
    ArtifactProperties props = push(atClock(300L, f -> { }), false, "p").output(Pusher.PUSHED_MODEL).properties();
    assertFalse(props.getBoolean("pushed"));
    assertTrue(props.getString("reason").contains("is not blessed (auc fell); not pushed"), props.getString("reason"));
    assertFalse(props.has("version"));
    assertFalse(Files.exists(base) && !entries().isEmpty());
  }

  @Test
  void pushUnblessedPushesWhenAskedExplicitly() {
    ArtifactProperties props = ComponentRun.of(atClock(400L, f -> { }))
        .withParameters(PusherParameters.to(base.toString()).withPushUnblessed(true))
        .withInput(Pusher.MODEL, ResolvedArtifact.at(ArtifactType.MODEL, model.toString()))
        .withInput(Pusher.BLESSING, blessing(false))
        .withOutput(Pusher.PUSHED_MODEL, tmp.resolve("p").toString())
        .run().output(Pusher.PUSHED_MODEL).properties();
    assertTrue(props.getBoolean("pushed"));
    assertEquals(400L, props.getLong("version"));
  }
}
