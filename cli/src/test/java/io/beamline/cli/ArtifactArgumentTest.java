package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamline.core.component.ArtifactManifest;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Attribution;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every form an artifact option takes, and the errors that say what is there instead. */
class ArtifactArgumentTest {
  @TempDir Path tmp;

  private ArtifactArgument args() {
    return new ArtifactArgument(() -> new BeamlineHome(tmp.resolve("home")));
  }

  private String artifact(String dir, String type, long rows) throws Exception {
    Path path = tmp.resolve(dir);
    Files.createDirectories(path);
    new ArtifactManifest(type, ArtifactProperties.empty().with("rows", rows)).write(path.toString());
    return path.toString();
  }

  private String examplegenOutput() throws Exception {
    artifact("ex/examples", "Examples", 7);
    artifact("ex/rejects", "ExampleRejects", 0);
    return tmp.resolve("ex").toString();
  }

  @Test
  void theArtifactDirectoryItself() throws Exception {
    String dir = artifact("st", "ExampleStatistics", 3);
    ResolvedArtifact a = args().resolve("--stats", dir, ArtifactType.EXAMPLE_STATISTICS);
    assertEquals(dir, a.uri());
    assertEquals(3L, a.properties().getLong("rows"));
  }

  @Test
  void theOutputDirectoryOfTheCommandThatWroteIt() throws Exception {
    String ex = examplegenOutput();
    ResolvedArtifact a = args().resolve("--examples", ex, ArtifactType.EXAMPLES);
    assertEquals(ex + "/examples", a.uri());
    assertEquals(7L, a.properties().getLong("rows"));
  }

  @Test
  void anOutputDirectoryWithNothingOfTheWantedTypeSaysWhatItHolds() throws Exception {
    String ex = examplegenOutput();
    var e = assertThrows(ArtifactArgument.Mismatch.class,
        () -> args().resolve("--stats", ex, ArtifactType.EXAMPLE_STATISTICS));
    assertEquals("--stats: " + ex + " holds Examples at " + ex + "/examples and ExampleRejects at " + ex
        + "/rejects; none is ExampleStatistics", e.getMessage());
  }

  @Test
  void twoArtifactsOfTheWantedTypeAreNamedToChooseFrom() throws Exception {
    artifact("two/a", "Model", 1);
    artifact("two/b", "Model", 2);
    String two = tmp.resolve("two").toString();
    var e = assertThrows(ArtifactArgument.Mismatch.class, () -> args().resolve("--model", two, ArtifactType.MODEL));
    assertEquals("--model: " + two + " holds Model at " + two + "/a and Model at " + two + "/b: pass one of "
        + two + "/a, " + two + "/b", e.getMessage());
  }

  @Test
  void anArtifactOfAnotherTypeAMissingPathAndAFileAreRefused() throws Exception {
    String st = artifact("st", "ExampleStatistics", 3);
    assertEquals("--examples: " + st + " is ExampleStatistics, not Examples", assertThrows(ArtifactArgument.Mismatch.class,
        () -> args().resolve("--examples", st, ArtifactType.EXAMPLES)).getMessage());
    String missing = tmp.resolve("nope").toString();
    assertEquals("--model " + missing + ": no such file or directory", assertThrows(ArtifactArgument.Mismatch.class,
        () -> args().resolve("--model", missing, ArtifactType.MODEL)).getMessage());
    Path file = Files.writeString(tmp.resolve("schema.pbtxt"), "feature {}\n");
    assertEquals(file.toString(), args().resolve("--schema", file.toString(), ArtifactType.SCHEMA).uri(),
        "a schema may be a schema.pbtxt file");
    assertThrows(ArtifactArgument.Mismatch.class, () -> args().resolve("--stats", file.toString(),
        ArtifactType.EXAMPLE_STATISTICS));
  }

  @Test
  void aDirectoryWithoutAnyManifestIsTakenAsItIs() throws Exception {
    Path tfx = Files.createDirectories(tmp.resolve("tfx/Split-train"));
    String dir = tfx.getParent().toString();
    assertEquals(dir, args().resolve("--examples", dir, ArtifactType.EXAMPLES).uri());
  }

  @Test
  void storeReferencesByIdLatestAndNode() throws Exception {
    String old = artifact("a1", "Examples", 1);
    String newer = artifact("a2", "Examples", 2);
    String failed = artifact("a3", "Examples", 3);
    long oldId;
    long newerId;
    long failedId;
    Files.createDirectories(tmp.resolve("home"));
    try (MetadataStore store = MetadataStore.openSqlite(tmp.resolve("home/metadata.sqlite"))) {
      store.putArtifactType("Examples", Map.of());
      ContextTypes.register(store);
      oldId = store.putArtifact(Artifact.create("Examples", old).withState(ArtifactState.LIVE)).id();
      newerId = store.putArtifact(Artifact.create("Examples", newer).withState(ArtifactState.LIVE)).id();
      failedId = store.putArtifact(Artifact.create("Examples", failed).withState(ArtifactState.ABANDONED)).id();
      Context node = store.putContext(Context.create(ContextTypes.NODE, "taxi.ExampleGen"));
      store.putAttribution(new Attribution(node.id(), oldId));
    }
    ResolvedArtifact byId = args().resolve("--examples", "@" + oldId, ArtifactType.EXAMPLES);
    assertEquals(oldId, byId.id());
    assertEquals(old, byId.uri());
    assertEquals(1L, byId.properties().getLong("rows"));
    assertEquals(newerId, args().resolve("--examples", "latest", ArtifactType.EXAMPLES).id(),
        "the newest LIVE one: the ABANDONED one is newer still but incomplete");
    assertEquals(newerId, args().resolve("--examples", "latest:Examples", ArtifactType.EXAMPLES).id());
    assertEquals(oldId, args().resolve("--examples", "latest:taxi.ExampleGen", ArtifactType.EXAMPLES).id());
    assertEquals(oldId, args().resolve("--examples", "latest:taxi/ExampleGen", ArtifactType.EXAMPLES).id());

    assertEquals("--examples @" + failedId + ": artifact " + failedId + " is ABANDONED; only LIVE artifacts are complete",
        assertThrows(ArtifactArgument.Mismatch.class,
            () -> args().resolve("--examples", "@" + failedId, ArtifactType.EXAMPLES)).getMessage());
    assertEquals("--model @" + oldId + ": artifact " + oldId + " is Examples, not Model",
        assertThrows(ArtifactArgument.Mismatch.class,
            () -> args().resolve("--model", "@" + oldId, ArtifactType.MODEL)).getMessage());
    assertEquals("--examples @99: the store has no artifact 99", assertThrows(ArtifactArgument.Mismatch.class,
        () -> args().resolve("--examples", "@99", ArtifactType.EXAMPLES)).getMessage());
    assertEquals("--stats latest:Examples: --stats takes ExampleStatistics, not Examples",
        assertThrows(ArtifactArgument.Mismatch.class,
            () -> args().resolve("--stats", "latest:Examples", ArtifactType.EXAMPLE_STATISTICS)).getMessage());
    assertEquals("--examples latest:taxi.Nope: the store has no node taxi.Nope; nodes are named PIPELINE.NODE:"
        + " taxi.ExampleGen", assertThrows(ArtifactArgument.Mismatch.class,
            () -> args().resolve("--examples", "latest:taxi.Nope", ArtifactType.EXAMPLES)).getMessage());
  }

  @Test
  void aStoreReferenceWithoutAStoreNamesWhereItLooked() {
    var e = assertThrows(ArtifactArgument.Mismatch.class, () -> args().resolve("--examples", "@1", ArtifactType.EXAMPLES));
    assertEquals("--examples @1: there is no store at " + tmp.resolve("home/metadata.sqlite")
        + " (choose the home with --home or $BEAMLINE_HOME)", e.getMessage());
  }
}
