package io.beamline.core;

import io.beamline.core.component.ArtifactUris;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Small UTF-8 text files (statistics JSON, schemas, reports, HTML pages) read and written through
 * Beam's FileSystems, so artifacts may live on a local disk or any Beam file system.
 */
public final class TextFiles {
  private TextFiles() {}

  /**
   * @param what what the file is, for the message when it is missing (e.g. "Statistics file")
   */
  public static String read(String fileUri, String what) {
    try (InputStream in = Channels.newInputStream(
        FileSystems.open(FileSystems.matchSingleFileSpec(ArtifactUris.matchSpec(fileUri)).resourceId()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new InvalidInputException(what + " " + fileUri + " does not exist");
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read " + what.toLowerCase(java.util.Locale.ROOT) + " " + fileUri
          + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code text}, replacing what is there. */
  public static void write(String fileUri, String text, String mimeType) {
    try (OutputStream out = Channels.newOutputStream(
        FileSystems.create(FileSystems.matchNewResource(fileUri, false), mimeType))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new BeamlineException("Cannot write " + fileUri + ": " + e.getMessage(), e);
    }
  }
}
