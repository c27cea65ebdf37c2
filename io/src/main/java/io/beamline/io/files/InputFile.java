package io.beamline.io.files;

import java.io.Serializable;
import java.util.Objects;

/**
 * One matched input file and the split it feeds.
 *
 * @param split the pre-split name, or empty when the file's examples are hash-split
 * @param path the file's full resource path
 * @param size its size in bytes
 * @param lastModifiedMillis its modification time (0 where the file system does not say)
 */
public record InputFile(String split, String path, long size, long lastModifiedMillis) implements Serializable {
  public InputFile {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(path, "path");
  }

  /** The file name without its directory, for short messages. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
