package io.beamline.pusher;

import io.beamline.core.InvalidInputException;
import io.beamline.core.component.ArtifactUris;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The files of a model's {@code Format-Serving/} directory, by name relative to it ({@code
 * saved_model.pb}, {@code variables/variables.index}, ...), each readable through {@link FileSystems}.
 * The model may be a local path, a {@code file:} URI or any Beam file system URI; on an object store
 * the "directory" is the prefix {@code <model>/Format-Serving/}. {@code directories} are the
 * sub-directories of a local model (so that a local push keeps empty ones); an object store has none.
 */
record ServingFiles(String uri, List<Entry> files, List<String> directories) {
  static final String SERVING_DIR = "Format-Serving";
  static final String SAVED_MODEL = "saved_model.pb";

  /** One file: its name relative to the serving directory ('/'-separated) and where to read it. */
  record Entry(String name, ResourceId id) {
    Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(id, "id");
    }

    /** The SavedModel's graph, which TF Serving needs to load a version: published last. */
    boolean isSavedModel() {
      return name.equals(SAVED_MODEL) || name.equals("saved_model.pbtxt");
    }
  }

  ServingFiles {
    Objects.requireNonNull(uri, "uri");
    files = List.copyOf(files);
    directories = List.copyOf(directories);
  }

  /** Lists {@code <modelUri>/Format-Serving/}; fails naming the model when it has no saved_model.pb. */
  static ServingFiles of(String modelUri) throws IOException {
    String serving = ArtifactUris.child(modelUri, SERVING_DIR);
    Optional<Path> local = ArtifactUris.localPath(modelUri);
    List<Entry> files = new ArrayList<>();
    List<String> directories = new ArrayList<>();
    if (local.isPresent()) {
      localFiles(local.get().resolve(SERVING_DIR), files, directories);
    } else {
      remoteFiles(modelUri, serving, files);
    }
    if (files.stream().noneMatch(f -> f.name().equals(SAVED_MODEL))) {
      throw new InvalidInputException("Model " + modelUri + " has no " + SERVING_DIR + "/" + SAVED_MODEL
          + ": nothing to push");
    }
    return new ServingFiles(serving, files, directories);
  }

  private static void localFiles(Path dir, List<Entry> files, List<String> directories) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> !p.equals(dir)).sorted().toList()) {
        String name = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        if (Files.isDirectory(p)) {
          directories.add(name);
        } else {
          files.add(new Entry(name, FileSystems.matchNewResource(p.toString(), false)));
        }
      }
    }
  }

  private static void remoteFiles(String modelUri, String serving, List<Entry> files) throws IOException {
    String prefix = PushUris.directory(serving, "Model " + modelUri).toString();
    MatchResult match = FileSystems.match(ArtifactUris.childGlob(serving, "**"), EmptyMatchTreatment.ALLOW);
    List<Entry> found = new ArrayList<>();
    for (MatchResult.Metadata m : match.metadata()) {
      String name = PushUris.relative(prefix, m.resourceId());
      // Some tools write zero-byte "dir/" marker objects; they are not files of the model.
      if (!name.isEmpty() && !name.endsWith("/")) {
        found.add(new Entry(name, m.resourceId()));
      }
    }
    found.sort(Comparator.comparing(Entry::name));
    files.addAll(found);
  }
}
