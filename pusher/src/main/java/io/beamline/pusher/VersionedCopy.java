package io.beamline.pusher;

import io.beamline.core.BeamlineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Copies a model's serving files to a local {@code <base>/<version>/} so that the version directory appears whole or
 * not at all: the tree is copied to {@code <base>/.tmp-<version>-<random>} (a name TF Serving ignores:
 * not a number) and renamed into place in one atomic rename. A failed copy removes its temporary
 * directory. The version is the clock's Unix seconds, bumped above the largest version present; an
 * existing version directory is never written to. For destinations that are not local (no atomic
 * directory rename), see {@link ObjectStoreCopy}.
 */
final class VersionedCopy {
  /** Called after each copied file; tests use it to fail a copy halfway. */
  @FunctionalInterface
  interface CopyHook {
    void afterFile(Path copied) throws IOException;
  }

  private static final int RENAME_ATTEMPTS = 5;

  private final LongSupplier clockSeconds;
  private final CopyHook hook;

  VersionedCopy(LongSupplier clockSeconds, CopyHook hook) {
    this.clockSeconds = clockSeconds;
    this.hook = hook;
  }

  /** Copies {@code source} into a new version under {@code base}; returns the version. */
  long copy(ServingFiles source, Path base) throws IOException {
    Files.createDirectories(base);
    long version = nextVersion(base);
    Path tmp = base.resolve(".tmp-" + version + "-" + UUID.randomUUID());
    try {
      copyTree(source, tmp);
      for (int attempt = 0; ; attempt++) {
        Path target = base.resolve(Long.toString(version));
        // rename(2) would silently replace an empty directory: check first, and let the move fail on
        // a non-empty one (a concurrent pusher), then try the next version.
        if (!Files.exists(target)) {
          try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return version;
          } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            if (attempt + 1 >= RENAME_ATTEMPTS) {
              throw e;
            }
          }
        }
        version = Math.max(version + 1, nextVersion(base));
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  long nextVersion(Path base) throws IOException {
    long largest = -1;
    try (Stream<Path> children = Files.list(base)) {
      for (Path child : children.toList()) {
        String name = child.getFileName().toString();
        if (name.matches("[0-9]{1,18}") && Files.isDirectory(child)) {
          largest = Math.max(largest, Long.parseLong(name));
        }
      }
    }
    return Math.max(clockSeconds.getAsLong(), largest + 1);
  }

  private void copyTree(ServingFiles source, Path target) throws IOException {
    Files.createDirectories(target);
    for (String dir : source.directories()) {
      Files.createDirectories(target.resolve(dir));
    }
    for (ServingFiles.Entry file : source.files()) {
      Path to = target.resolve(file.name());
      Files.createDirectories(to.getParent());
      // Read through Beam's FileSystems: the model may be local or on any registered file system.
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.id()))) {
        Files.copy(in, to);
      }
      hook.afterFile(to);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new BeamlineException("Could not remove the partial copy " + dir + ": " + e.getMessage(), e);
    }
  }
}
