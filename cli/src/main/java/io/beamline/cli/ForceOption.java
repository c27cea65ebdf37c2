package io.beamline.cli;

import io.beamline.core.BeamlineException;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ComponentRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code --force}, shared by every command that writes a plain output directory: replace what is
 * there. The replacing itself is {@link ComponentRun#withReplaceExisting}: the new output is written
 * beside the old one and swapped in only when the run succeeded.
 */
final class ForceOption {
  @Option(names = "--force",
      description = "Replace an existing output: the new one is written beside it and swapped in only when"
          + " the run succeeds, so a failed run leaves the old one as it was.")
  boolean force;

  /**
   * Checks, before anything runs, the artifact directories a command will publish for its
   * {@code --output}: without --force an existing one is refused with the hint; with it, one inside
   * the home's artifact root is refused all the same, since store-managed outputs are never
   * overwritten.
   */
  void check(HomeOption home, String output, String... artifactDirs) {
    for (String dir : artifactDirs) {
      Optional<Path> local = ArtifactUris.localPath(dir);
      if (local.isEmpty() || !Files.exists(local.get()) || isEmptyDirectory(local.get())) {
        continue;
      }
      if (!force) {
        throw new BeamlineException("--output " + TerminalText.escape(output) + " already holds "
            + TerminalText.escape(dir) + ": pass --force to replace it, or choose another --output");
      }
      Path artifacts = home.resolve().dir().resolve("artifacts");
      if (local.get().startsWith(artifacts)) {
        throw new BeamlineException(TerminalText.escape(dir) + " is inside the store's artifact root "
            + TerminalText.escape(artifacts) + ": store-managed outputs are never overwritten, not even with --force");
      }
    }
  }

  <P extends Record> ComponentRun<P> apply(ComponentRun<P> run) {
    return run.withReplaceExisting(force);
  }

  private static boolean isEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
