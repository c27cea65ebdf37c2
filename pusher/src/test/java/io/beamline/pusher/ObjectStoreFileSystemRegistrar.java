package io.beamline.pusher;

import java.util.List;
import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.FileSystemRegistrar;
import org.apache.beam.sdk.options.PipelineOptions;

/** Registers {@link ObjectStoreFileSystem} ({@code objstore://}) with Beam, through META-INF/services. */
public final class ObjectStoreFileSystemRegistrar implements FileSystemRegistrar {
  @Override
  public Iterable<FileSystem<?>> fromOptions(PipelineOptions options) {
    return List.of(new ObjectStoreFileSystem());
  }
}
