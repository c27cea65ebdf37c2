package io.beamline.core.component;

import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where one output is written while its component runs, and how it is published afterwards. See
 * {@link ComponentRun} for the rules.
 */
final class OutputStaging {
  static final String SUFFIX = ".staging";
  /** Where a replaced output is moved aside while the new one takes its name, then deleted. */
  static final String REPLACED_SUFFIX = ".replaced";
  private final String finalUri;
  private final Path target;
  private final Path staging;
  private final boolean replaceExisting;

  private OutputStaging(String finalUri, Path target, Path staging, boolean replaceExisting) {
    this.finalUri = finalUri;
    this.target = target;
    this.staging = staging;
    this.replaceExisting = replaceExisting;
  }

  static OutputStaging prepare(String component, String key, String uri, boolean replaceExisting) {
    Optional<Path> local = ArtifactUris.localPath(uri);
    if (local.isEmpty()) {
      return new OutputStaging(uri, null, null, false);
    }
    Path target = local.get();
    try {
      if (Files.exists(target) && !Files.isDirectory(target)) {
        throw new InvalidParameterException(component + ": output '" + key + "' location " + target
            + " is a file; an output is a directory");
      }
      if (!replaceExisting && Files.exists(target) && !isEmptyDirectory(target)) {
        throw new InvalidParameterException(component + ": output '" + key + "' location " + target
            + " already exists and is not an empty directory; artifacts are not overwritten unless"
            + " asked (withReplaceExisting(true)), choose a new location");
      }
      Path staging = target.resolveSibling(target.getFileName() + SUFFIX);
      // A staging directory left by an earlier failed run was never published: start afresh.
      deleteRecursively(staging);
      Files.createDirectories(staging);
      return new OutputStaging(uri, target, staging, replaceExisting);
    } catch (IOException e) {
      throw new BeamlineException(component + ": cannot prepare output '" + key + "' at " + target
          + ": " + e.getMessage(), e);
    }
  }

  /** The URI the executor writes to. */
  String writeUri() {
    return staging == null ? finalUri : staging.toString();
  }

  /** Moves a staged output to its final name; returns the final URI. */
  String publish() {
    if (staging == null) {
      return finalUri;
    }
    try {
      if (Files.isDirectory(target) && isEmptyDirectory(target)) {
        Files.delete(target);
      }
      Files.createDirectories(target.getParent());
      if (!Files.exists(target)) {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return target.toString();
      }
      if (!replaceExisting) { // appeared while the executor ran: never overwritten
        throw new IOException(target + " appeared while the component ran");
      }
      swap();
      return target.toString();
    } catch (IOException e) {
      throw new BeamlineException("Cannot publish " + staging + " as " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the old output by the staged one with two renames on the same file system: the old
   * one is moved aside, the new one takes its name, then the old one is deleted. No reader ever
   * sees a mix of the two or a half-written directory; at worst, for the instant between the
   * renames, no directory at all. If the second rename fails, the old output is moved back.
   */
  private void swap() throws IOException {
    Path aside = target.resolveSibling(target.getFileName() + REPLACED_SUFFIX);
    deleteRecursively(aside); // left by a run that died between the renames: the new one won
    Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteRecursively(aside);
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  /**
   * Deletes the staging directory of the local output {@code outputUri}, if there is one: what a run
   * that died left unpublished. Remote outputs are written in place and have none.
   */
  static void discard(String outputUri) throws IOException {
    Optional<Path> target = ArtifactUris.localPath(outputUri);
    if (target.isPresent()) {
      deleteRecursively(target.get().resolveSibling(target.get().getFileName() + SUFFIX));
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        if (exc != null) {
          throw new UncheckedIOException(exc);
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
