package io.beamline.core.anomalies;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.examples.ExamplesLayout;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Reads and writes {@code anomalies.json}, the anomalies of one split in an ExampleAnomalies
 * artifact: {@code <uri>/Split-<name>/anomalies.json}, field names from anomalies.proto in snake_case.
 */
public final class AnomaliesJson {
  public static final String FILE_NAME = "anomalies.json";
  public static final String HTML_FILE_NAME = "anomalies.html";

  private AnomaliesJson() {}

  public static String splitFile(String anomaliesUri, String split) {
    return ArtifactUris.child(ExamplesLayout.splitDir(anomaliesUri, split), FILE_NAME);
  }

  public static String toJson(Anomalies anomalies) {
    return Json.writePretty(anomalies);
  }

  public static Anomalies fromJson(String json, String source) {
    try {
      return Json.mapper().readValue(json, Anomalies.class);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("Cannot read anomalies from " + source + ": " + e.getOriginalMessage()
          + " at " + e.getLocation());
    }
  }

  public static void write(Anomalies anomalies, String fileUri) {
    TextFiles.write(fileUri, toJson(anomalies), MimeTypes.TEXT);
  }

  public static Anomalies read(String fileUri) {
    return fromJson(TextFiles.read(fileUri, "Anomalies file"), fileUri);
  }

  public static Anomalies readSplit(String anomaliesUri, String split) {
    return read(splitFile(anomaliesUri, split));
  }
}
