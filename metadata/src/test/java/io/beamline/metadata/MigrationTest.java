package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class MigrationTest {
  /** Schema version 1, the first released one; {@link #releasedStoreUpgradesInPlace} starts there. */
  private static final List<Migrations.Migration> RELEASED = Migrations.all().subList(0, 1);

  @Parameter StoreKind kind;
  @TempDir Path dir;
  private String url;
  private final int latest = Migrations.latest(Migrations.all());

  @BeforeEach
  void newStore() {
    url = kind.newStoreUrl(dir);
  }

  private List<String> versionRows() throws Exception {
    return rows("SELECT version, applied_at FROM schema_version ORDER BY version");
  }

  private List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = StoreKind.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "@" + rs.getString(2));
      }
    }
    return rows;
  }

  private boolean tableExists(String table) throws Exception {
    try (Connection c = StoreKind.connect(url)) {
      return Dialect.forUrl(url).tableExists(c, table);
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection c = StoreKind.connect(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void reopeningAnUpToDateStoreAppliesNothing() throws Exception {
    try (MetadataStore store = MetadataStore.open(url)) {
      assertEquals(latest, store.schemaVersion());
    }
    List<String> before = versionRows();
    assertEquals(latest, before.size());
    try (MetadataStore store = MetadataStore.open(url)) {
      assertEquals(latest, store.schemaVersion());
    }
    assertEquals(before, versionRows());
  }

  @Test
  void releasedStoreUpgradesInPlace() throws Exception {
    long examples;
    try (MetadataStore v1 = MetadataStore.open(url, RELEASED)) {
      Fixtures.registerTypes(v1);
      examples = v1.putArtifact(Artifact.create("Examples", "/ex").withProperty("span",
          Value.of(7))).id();
      assertEquals(1, v1.schemaVersion());
    }
    try (MetadataStore upgraded = MetadataStore.open(url)) {
      assertEquals(latest, upgraded.schemaVersion());
      Artifact a = upgraded.getArtifact(examples).orElseThrow();
      assertEquals(Value.of(7), a.properties().get("span"));
      assertEquals(examples + 1,
          upgraded.putArtifact(Artifact.create("Examples", "/ex2")).id(), "ids carry on");
    }
    assertEquals(latest, versionRows().size());
  }

  /** A file written by the released code (schema 1), committed as it was: no rebuilding here. */
  @Test
  void releasedSqliteFileUpgradesInPlace() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(kind == StoreKind.SQLITE, "a SQLite file");
    Path file = dir.resolve("old.sqlite");
    Files.copy(Path.of("src/test/resources/stores/schema-v1.sqlite"), file);
    try (MetadataStore store = MetadataStore.openSqlite(file)) {
      assertEquals(latest, store.schemaVersion());
      Artifact model = store.getArtifactsByType("Model").get(0);
      assertEquals("/v1/model", model.uri());
      assertEquals(Value.of(0.75), model.customProperties().get("auc"));
      LineageGraph g = store.lineage(LineageQuery.ofArtifact(model.id()));
      assertEquals(List.of("/v1/examples", "/v1/model"),
          g.artifacts().stream().map(Artifact::uri).toList());
      assertEquals(2, store.getExecutionsByContext(
          store.getContext(ContextTypes.PIPELINE_RUN, "run-1").orElseThrow().id()).size());
    }
  }

  @Test
  void openingAnOlderStoreAppliesTheMissingMigrations() throws Exception {
    MetadataStore.open(url).close();
    List<Migrations.Migration> newer = new ArrayList<>(Migrations.all());
    newer.add(new Migrations.Migration(latest + 1, "artifact size",
        List.of("ALTER TABLE artifact ADD COLUMN size_bytes BIGINT")));
    try (MetadataStore store = MetadataStore.open(url, newer)) {
      assertEquals(latest + 1, store.schemaVersion());
    }
    assertEquals(latest + 1, versionRows().size());
    assertEquals(List.of("0@null"), rows("SELECT COUNT(size_bytes), NULL FROM artifact"));
  }

  @Test
  void migrationFailingMidwayLeavesTheStoreAsItWas() throws Exception {
    try (MetadataStore store = MetadataStore.open(url)) {
      Fixtures.registerTypes(store);
      store.putArtifact(Artifact.create("Model", "/kept"));
    }
    List<String> before = versionRows();
    List<Migrations.Migration> broken = new ArrayList<>(Migrations.all());
    broken.add(new Migrations.Migration(latest + 1, "half done", List.of(
        "CREATE TABLE artifact_size (artifact_id BIGINT NOT NULL, size_bytes BIGINT)",
        "UPDATE artifact SET uri = 'changed'",
        "CREATE INDEX no_table_idx ON no_such_table (x)")));
    MetadataStoreException e = assertThrows(MetadataStoreException.class,
        () -> MetadataStore.open(url, broken));
    assertTrue(e.getMessage().startsWith("Metadata store " + url + ": migration "
        + (latest + 1) + " (half done) failed at statement 3 of 3, so none of it was applied"
        + " and the store stays at schema version " + latest + ": "), e.getMessage());
    assertFalse(tableExists("artifact_size"));
    assertEquals(List.of("/kept@null"), rows("SELECT uri, NULL FROM artifact"));
    assertEquals(before, versionRows());
    try (MetadataStore store = MetadataStore.open(url)) {
      assertEquals(latest, store.schemaVersion());
    }
  }

  @Test
  void aStoreFromTheFutureIsRefusedAndLeftAlone() throws Exception {
    MetadataStore.open(url).close();
    execute("INSERT INTO schema_version (version, description, applied_at)"
        + " VALUES (99, 'future', 0)");
    MetadataStoreException e =
        assertThrows(MetadataStoreException.class, () -> MetadataStore.open(url));
    assertEquals("Metadata store " + url + " has schema version 99, newer than version "
        + latest + " supported by this Beamline; open it with a newer Beamline", e.getMessage());
    assertEquals(latest + 1, versionRows().size());
  }

  @Test
  void twoOpenersOfAFreshStoreTakeTurns() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 4; i++) {
      Thread opener = new Thread(() -> {
        try (MetadataStore store = MetadataStore.open(url)) {
          store.putArtifactType("Examples", Map.of());
        } catch (Throwable t) {
          failures.add(t);
        }
      });
      opener.start();
      threads.add(opener);
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), failures);
    assertEquals(latest, versionRows().size());
  }
}
