package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
  @TempDir Path dir;

  private String url() {
    return "jdbc:sqlite:" + dir.resolve("m.sqlite");
  }

  private List<String> versionRows() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT version, applied_at FROM schema_version ORDER BY version")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + "@" + rs.getLong(2));
      }
    }
    return rows;
  }

  @Test
  void reopeningAnUpToDateStoreAppliesNothing() throws Exception {
    try (MetadataStore store = MetadataStore.open(url())) {
      assertEquals(Migrations.latest(Migrations.all()), store.schemaVersion());
    }
    List<String> before = versionRows();
    assertEquals(1, before.size());
    try (MetadataStore store = MetadataStore.open(url())) {
      assertEquals(1, store.schemaVersion());
    }
    assertEquals(before, versionRows());
  }

  @Test
  void openingAnOlderStoreAppliesTheMissingMigrations() throws Exception {
    MetadataStore.open(url()).close();
    List<Migrations.Migration> newer = new ArrayList<>(Migrations.all());
    newer.add(new Migrations.Migration(2, "artifact size",
        List.of("ALTER TABLE artifact ADD COLUMN size_bytes BIGINT")));
    try (MetadataStore store = MetadataStore.open(url(), newer)) {
      assertEquals(2, store.schemaVersion());
    }
    assertEquals(2, versionRows().size());
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(size_bytes) FROM artifact")) {
      assertEquals(0, rs.getInt(1));
    }
  }

  @Test
  void aStoreFromTheFutureIsRejected() throws Exception {
    MetadataStore.open(url()).close();
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version (version, description, applied_at)"
          + " VALUES (99, 'future', 0)");
    }
    MetadataStoreException e =
        assertThrows(MetadataStoreException.class, () -> MetadataStore.open(url()));
    assertEquals("Metadata store " + url() + " has schema version 99, newer than version 1"
        + " supported by this Beamline; open it with a newer Beamline", e.getMessage());
  }
}
