package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL user that must log in with a password (scram-sha-256 in pg_hba.conf): the password
 * comes from the environment or a file, and never shows in a message, even when put in the URL.
 */
class CredentialsTest {
  private static final String SECRET = "s3cr3t-Pa55";
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void userWithPassword() throws Exception {
    PostgresServer server = PostgresServer.shared();
    try (Connection c = server.admin(); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + PostgresServer.PASSWORD_USER + " LOGIN PASSWORD '" + SECRET + "'");
      s.execute("CREATE DATABASE secured OWNER " + PostgresServer.PASSWORD_USER);
    }
    url = server.url("secured") + "?user=" + PostgresServer.PASSWORD_USER;
  }

  @Test
  void passwordFromTheEnvironmentOrAFile() throws Exception {
    try (MetadataStore store = MetadataStore.open(url,
        Map.of(StoreCredentials.PASSWORD_ENV, SECRET))) {
      assertEquals(Migrations.latest(Migrations.all()), store.schemaVersion());
      assertFalse(store.toString().contains(SECRET), store.toString());
    }
    Path file = Files.writeString(dir.resolve("password"), SECRET + "\n");
    try (MetadataStore store = MetadataStore.open(url,
        Map.of(StoreCredentials.PASSWORD_FILE_ENV, file.toString()))) {
      assertEquals(Migrations.latest(Migrations.all()), store.schemaVersion());
    }
    try (MetadataStore store = MetadataStore.open(url, Map.of("PGPASSWORD", SECRET))) {
      assertEquals(Migrations.latest(Migrations.all()), store.schemaVersion());
    }
  }

  @Test
  void wrongOrMissingPasswordIsRefusedWithoutShowingIt() throws Exception {
    MetadataStoreException wrong = assertThrows(MetadataStoreException.class,
        () -> MetadataStore.open(url, Map.of(StoreCredentials.PASSWORD_ENV, "not-" + SECRET)));
    assertTrue(wrong.getMessage().startsWith("Cannot open metadata store " + url + ": "),
        wrong.getMessage());
    assertTrue(wrong.getMessage().contains("password authentication failed"), wrong.getMessage());
    assertFalse(wrong.getMessage().contains(SECRET), wrong.getMessage());

    String inUrl = url + "&password=" + SECRET + "x";
    MetadataStoreException masked = assertThrows(MetadataStoreException.class,
        () -> MetadataStore.open(inUrl, Map.of()));
    assertTrue(masked.getMessage().startsWith("Cannot open metadata store " + url
        + "&password=***: "), masked.getMessage());
    assertFalse(masked.getMessage().contains(SECRET), masked.getMessage());

    Path missing = dir.resolve("no-such-file");
    MetadataStoreException noFile = assertThrows(MetadataStoreException.class,
        () -> MetadataStore.open(url, Map.of(StoreCredentials.PASSWORD_FILE_ENV,
            missing.toString())));
    assertEquals("Cannot read the store password file " + missing
        + " ($BEAMLINE_STORE_PASSWORD_FILE): NoSuchFileException", noFile.getMessage());
  }

  @Test
  void onlySqliteAndPostgresqlUrlsAreStores() {
    MetadataStoreException e = assertThrows(MetadataStoreException.class,
        () -> MetadataStore.open("jdbc:mysql://db/x?password=" + SECRET));
    assertEquals("Unsupported metadata store URL jdbc:mysql://db/x?password=***: expected"
        + " jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE", e.getMessage());
  }
}
