package io.beamline.kfp;

import io.beamline.core.BeamlineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a small text file whole or not at all: a temporary file beside it, renamed into place. */
final class AtomicFiles {
  private AtomicFiles() {}

  static void write(Path file, String text) {
    Path target = file.toAbsolutePath();
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.writeString(temp, text);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BeamlineException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
