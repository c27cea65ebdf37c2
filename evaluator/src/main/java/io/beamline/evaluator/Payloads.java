package io.beamline.evaluator;

import io.beamline.core.BeamlineException;
import io.beamline.core.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/** Small text files through Beam's FileSystems, so artifacts may live on any Beam file system. */
final class Payloads {
  private Payloads() {}

  static void writeText(String uri, String text) {
    TextFiles.write(uri, text, MimeTypes.TEXT);
  }

  /** Every line of the files matching {@code glob}, which are then deleted (they are scratch files). */
  static List<String> readLinesAndDelete(String glob) {
    try {
      MatchResult match = FileSystems.match(glob);
      List<ResourceId> files = new ArrayList<>();
      List<String> lines = new ArrayList<>();
      for (MatchResult.Metadata m : match.metadata()) {
        files.add(m.resourceId());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            Channels.newInputStream(FileSystems.open(m.resourceId())), StandardCharsets.UTF_8))) {
          reader.lines().filter(l -> !l.isBlank()).forEach(lines::add);
        }
      }
      FileSystems.delete(files);
      return lines;
    } catch (IOException e) {
      throw new BeamlineException("Cannot read the metric rows at " + glob + ": " + e.getMessage(), e);
    }
  }
}
