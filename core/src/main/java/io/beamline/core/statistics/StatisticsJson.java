package io.beamline.core.statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.examples.ExamplesLayout;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Reads and writes {@code FeatureStats.json}, the statistics of one split in an ExampleStatistics
 * artifact: {@code <uri>/Split-<name>/FeatureStats.json}. Field names are statistics.proto's in
 * snake_case; keys are sorted so equal statistics give equal files. Works on local paths and any
 * Beam FileSystem URI.
 *
 * <pre>{@code
 * DatasetFeatureStatisticsList stats = StatisticsJson.readSplit("out/statistics", "train");
 * long n = stats.whole().numExamples();
 * }</pre>
 */
public final class StatisticsJson {
  public static final String FILE_NAME = "FeatureStats.json";
  public static final String HTML_FILE_NAME = "FeatureStats.html";

  private StatisticsJson() {}

  /** {@code <statisticsUri>/Split-<split>/FeatureStats.json}. */
  public static String splitFile(String statisticsUri, String split) {
    return ArtifactUris.child(ExamplesLayout.splitDir(statisticsUri, split), FILE_NAME);
  }

  public static String toJson(DatasetFeatureStatisticsList stats) {
    return Json.writePretty(stats);
  }

  /**
   * Parses statistics JSON.
   *
   * @param source where the text came from, for the error message
   * @throws InvalidInputException naming the source and what is wrong
   */
  public static DatasetFeatureStatisticsList fromJson(String json, String source) {
    try {
      return Json.mapper().readValue(json, DatasetFeatureStatisticsList.class);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("Cannot read statistics from " + source + ": "
          + e.getOriginalMessage() + " at " + e.getLocation());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Cannot read statistics from " + source + ": " + e.getMessage());
    }
  }

  public static void write(DatasetFeatureStatisticsList stats, String fileUri) {
    writeText(toJson(stats), fileUri, MimeTypes.TEXT);
  }

  public static DatasetFeatureStatisticsList read(String fileUri) {
    return fromJson(readText(fileUri), fileUri);
  }

  public static DatasetFeatureStatisticsList readSplit(String statisticsUri, String split) {
    return read(splitFile(statisticsUri, split));
  }

  /** Writes UTF-8 text to a local path or Beam FileSystem URI, replacing what is there. */
  public static void writeText(String text, String fileUri, String mimeType) {
    TextFiles.write(fileUri, text, mimeType);
  }

  static String readText(String fileUri) {
    return TextFiles.read(fileUri, "Statistics file");
  }
}
