package io.beamline.cli;

import io.beamline.core.component.ArtifactManifest;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an artifact option ({@code --examples}, {@code --stats}, {@code --schema}, {@code --model},
 * {@code --blessing}, {@code --baseline-*}, {@code --serving-stats}) names, resolved to one artifact
 * of the type the option wants. Every command resolves its inputs here, so chaining works the same
 * everywhere. A value is one of:
 *
 * <ul>
 *   <li>the artifact directory itself (its {@value ArtifactManifest#FILE_NAME} says its type);
 *   <li>the {@code --output} directory of the command that wrote it, when exactly one artifact one
 *       level down is of the wanted type ({@code ex} for {@code ex/examples});
 *   <li>{@code @ID}: that artifact of the home's store;
 *   <li>{@code latest}, {@code latest:TYPE} or {@code latest:PIPELINE.NODE}: the newest LIVE
 *       artifact of the wanted type in the store, of that node if one is named.
 * </ul>
 *
 * <p>A directory with no manifest at all, nor any below it, is taken as it is: artifacts TFX wrote
 * have none, and the component says what it misses. Anything else that does not fit is a {@link
 * Mismatch} naming what was found there (exit 2).
 */
final class ArtifactArgument {
  static final String LATEST = "latest";
  /** Appended to the help of every artifact option. */
  static final String FORMS = " An artifact directory, the --output of the command that wrote it, @ID, or"
      + " latest[:TYPE|:PIPELINE.NODE] (the newest LIVE one in the store of --home).";

  /** A value that names no artifact of the wanted type; the message says what is there instead. */
  static final class Mismatch extends RuntimeException {
    Mismatch(String message) {
      super(message);
    }
  }

  private final Supplier<BeamlineHome> home;

  /** @param home the home whose store {@code @ID} and {@code latest} read; resolved only when used */
  ArtifactArgument(Supplier<BeamlineHome> home) {
    this.home = home;
  }

  /** The artifact {@code value} of option {@code option} names, of type {@code wanted}. */
  ResolvedArtifact resolve(String option, String value, ArtifactType wanted) {
    if (value.startsWith("@")) {
      return fromStore(option, value, wanted);
    }
    if (value.equals(LATEST) || value.startsWith(LATEST + ":")) {
      return latest(option, value, wanted);
    }
    Optional<Path> local = ArtifactUris.localPath(value);
    if (local.isEmpty()) {
      // A remote URI: no cheap listing, so only a manifest of another type is refused.
      checkType(option, value, ArtifactManifest.read(value), wanted);
      return ResolvedArtifact.at(wanted, value);
    }
    Path path = local.get();
    if (!Files.exists(path)) {
      throw new Mismatch(option + " " + esc(value) + ": no such file or directory");
    }
    if (Files.isRegularFile(path)) {
      if (wanted.equals(ArtifactType.SCHEMA)) {
        return ResolvedArtifact.at(wanted, value); // a schema.pbtxt file
      }
      throw new Mismatch(option + " " + esc(value) + " is a file; " + option + " takes a " + wanted.name()
          + " artifact directory");
    }
    Optional<ArtifactManifest> manifest = ArtifactManifest.read(value);
    if (manifest.isPresent()) {
      checkType(option, value, manifest, wanted);
      return ResolvedArtifact.at(wanted, value);
    }
    List<Found> below = below(value, path);
    List<Found> fits = below.stream().filter(f -> f.type().equals(wanted.name())).toList();
    if (fits.size() == 1) {
      return ResolvedArtifact.at(wanted, fits.get(0).uri());
    }
    if (below.isEmpty()) {
      return ResolvedArtifact.at(wanted, value);
    }
    throw new Mismatch(option + ": " + esc(value) + " holds " + describe(below) + (fits.isEmpty()
        ? "; none is " + wanted.name()
        : ": pass one of " + fits.stream().map(f -> esc(f.uri())).collect(Collectors.joining(", "))));
  }

  /** An artifact one level below a directory: its location as the user would type it, and type. */
  private record Found(String uri, String type) {}

  private static List<Found> below(String value, Path dir) {
    List<Found> found = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
        String uri = ArtifactUris.child(value, child.getFileName().toString());
        ArtifactManifest.read(uri).ifPresent(m -> found.add(new Found(uri, m.type())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    return found;
  }

  private static String describe(List<Found> found) {
    List<String> parts = found.stream().map(f -> esc(f.type()) + " at " + esc(f.uri())).toList();
    return parts.size() == 1 ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }

  private static void checkType(String option, String value, Optional<ArtifactManifest> manifest, ArtifactType wanted) {
    if (manifest.isPresent() && !manifest.get().type().equals(wanted.name())) {
      throw new Mismatch(option + ": " + esc(value) + " is " + esc(manifest.get().type()) + ", not "
          + wanted.name());
    }
  }

  private ResolvedArtifact fromStore(String option, String value, ArtifactType wanted) {
    long id;
    try {
      id = Long.parseLong(value.substring(1));
    } catch (NumberFormatException e) {
      throw new Mismatch(option + " " + esc(value) + ": an artifact id is a number, e.g. @12");
    }
    return withStore(option, value, store -> {
      Artifact a = store.getArtifact(id).orElseThrow(() ->
          new Mismatch(option + " " + esc(value) + ": the store has no artifact " + id));
      if (!a.type().equals(wanted.name())) {
        throw new Mismatch(option + " " + esc(value) + ": artifact " + id + " is " + esc(a.type())
            + ", not " + wanted.name());
      }
      if (a.state() != ArtifactState.LIVE) {
        throw new Mismatch(option + " " + esc(value) + ": artifact " + id + " is " + a.state()
            + "; only LIVE artifacts are complete");
      }
      return stored(a, wanted);
    });
  }

  private ResolvedArtifact latest(String option, String value, ArtifactType wanted) {
    String what = value.equals(LATEST) ? wanted.name() : value.substring(LATEST.length() + 1);
    boolean byNode = what.contains(".") || what.contains("/");
    if (!byNode && !what.equals(wanted.name())) {
      throw new Mismatch(option + " " + esc(value) + ": " + option + " takes " + wanted.name() + ", not "
          + esc(what));
    }
    return withStore(option, value, store -> {
      List<Artifact> candidates;
      if (byNode) {
        String node = what.replace('/', '.');
        Context context = store.getContext(ContextTypes.NODE, node).orElseThrow(() -> new Mismatch(option + " "
            + esc(value) + ": the store has no node " + esc(node) + "; nodes are named PIPELINE.NODE: "
            + store.getContextsByType(ContextTypes.NODE).stream().map(c -> esc(c.name()))
                .collect(Collectors.joining(", "))));
        candidates = store.getArtifactsByContext(context.id()).stream()
            .filter(a -> a.type().equals(wanted.name())).toList();
      } else {
        candidates = store.getArtifactsByType(wanted.name());
      }
      return candidates.stream().filter(a -> a.state() == ArtifactState.LIVE)
          .max(Comparator.comparingLong(Artifact::id))
          .map(a -> stored(a, wanted))
          .orElseThrow(() -> new Mismatch(option + " " + esc(value) + ": the store has no LIVE " + wanted.name()
              + (byNode ? " of that node" : "") + " (" + candidates.size() + " in other states)"));
    });
  }

  private <T> T withStore(String option, String value, java.util.function.Function<MetadataStore, T> query) {
    BeamlineHome h = home.get();
    Optional<MetadataStore> opened = h.openExistingStore();
    if (opened.isEmpty()) {
      throw new Mismatch(option + " " + esc(value) + ": there is no store at " + esc(h.storeName())
          + " (choose the home with --home or $" + BeamlineHome.ENV + ")");
    }
    try (MetadataStore store = opened.get()) {
      return query.apply(store);
    }
  }

  /** A store artifact, with the properties its manifest holds (the store's, as published). */
  private static ResolvedArtifact stored(Artifact a, ArtifactType wanted) {
    ResolvedArtifact at = ResolvedArtifact.at(wanted, a.uri());
    return new ResolvedArtifact(a.id(), wanted, a.uri(), at.properties());
  }

  private static String esc(Object value) {
    return TerminalText.escape(value);
  }
}
