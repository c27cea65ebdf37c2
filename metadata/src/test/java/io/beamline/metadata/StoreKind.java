package io.beamline.metadata;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The databases every store test runs on: a SQLite file, and a database of its own on the test
 * JVM's {@link PostgresServer}. Test classes take it as a class parameter:
 *
 * <pre>{@code
 * @ParameterizedClass
 * @EnumSource(StoreKind.class)
 * class RoundTripTest {
 *   @Parameter StoreKind kind;
 *   @TempDir Path dir;
 *   ... store = kind.open(dir) ...
 * }</pre>
 */
public enum StoreKind {
  SQLITE {
    @Override
    public String newStoreUrl(Path dir) {
      return "jdbc:sqlite:" + dir.toAbsolutePath().resolve("metadata.sqlite");
    }
  },
  POSTGRES {
    @Override
    public String newStoreUrl(Path dir) {
      return PostgresServer.shared().newDatabase();
    }
  };

  /** The URL of a new, empty store (for SQLite, a file in {@code dir}). */
  public abstract String newStoreUrl(Path dir);

  /** A new, empty store, opened for writing. */
  public MetadataStore open(Path dir) {
    return MetadataStore.open(newStoreUrl(dir));
  }

  /** A plain JDBC connection to the store at {@code url}, to look under the API. */
  public static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }
}
