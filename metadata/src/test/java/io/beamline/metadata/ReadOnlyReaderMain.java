package io.beamline.metadata;

import java.nio.file.Path;

/**
 * A separate process for {@link ReadOnlyOpenTest}, run as an unprivileged user when the tests run
 * as root (root ignores file permissions): opens {@code <file>} read-only and prints its artifact
 * count, then tries to open it for writing and prints what that says. Exits 0 when both went as
 * a read-only directory should make them go.
 */
public final class ReadOnlyReaderMain {
  private ReadOnlyReaderMain() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    try (MetadataStore store = MetadataStore.openSqliteReadOnly(file)) {
      System.out.println("read: " + store.getArtifacts().size() + " artifacts");
    }
    try (MetadataStore store = MetadataStore.openSqlite(file)) {
      store.putArtifactType("Written", java.util.Map.of());
      System.out.println("write: succeeded");
      System.exit(1);
    } catch (MetadataStoreException e) {
      System.out.println("write: " + e.getMessage());
    }
  }
}
