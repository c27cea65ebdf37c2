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

  /**
   * The whole split's statistics (the first data set) with only the named features, for reading a
   * few numbers out of many files (a history of 1,000 spans): the JSON is streamed and the other
   * features and the slices are skipped, not bound to records, which makes a read several times
   * cheaper than {@link #readSplit}.
   */
  public static DatasetFeatureStatistics readWhole(String statisticsUri, String split, java.util.Set<String> features) {
    String file = splitFile(statisticsUri, split);
    String text = readText(file);
    try (com.fasterxml.jackson.core.JsonParser p = Json.mapper().getFactory().createParser(text)) {
      expect(p, com.fasterxml.jackson.core.JsonToken.START_OBJECT, file);
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("datasets") && p.currentToken() == com.fasterxml.jackson.core.JsonToken.START_ARRAY
            && p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
          return firstDataset(p, text, features, file);
        }
        p.skipChildren();
      }
      throw new InvalidInputException("Cannot read statistics from " + file + ": no data set in 'datasets'");
    } catch (java.io.IOException e) {
      throw new InvalidInputException("Cannot read statistics from " + file + ": " + e.getMessage());
    }
  }

  private static DatasetFeatureStatistics firstDataset(com.fasterxml.jackson.core.JsonParser p, String text,
      java.util.Set<String> wanted, String file) throws java.io.IOException {
    String name = DatasetFeatureStatistics.ALL_EXAMPLES;
    long numExamples = 0;
    Double weighted = null;
    java.util.List<FeatureNameStatistics> features = new java.util.ArrayList<>();
    while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "name" -> name = p.getText();
        case "num_examples" -> numExamples = p.getLongValue();
        case "weighted_num_examples" -> weighted = p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NULL
            ? null : p.getDoubleValue();
        case "features" -> {
          while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            // Stream past the feature, noting its name and where its text is; only a wanted feature's
            // text is bound to records ("name" comes after "common_stats" in the sorted keys).
            int start = (int) p.currentTokenLocation().getCharOffset();
            String featureName = null;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
              String key = p.currentName();
              p.nextToken();
              if (key.equals("name")) {
                featureName = p.getText();
              } else {
                p.skipChildren();
              }
            }
            if (wanted.contains(featureName)) {
              int end = (int) p.currentTokenLocation().getCharOffset() + 1;
              features.add(Json.mapper().readValue(text.substring(start, end), FeatureNameStatistics.class));
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    return new DatasetFeatureStatistics(name, numExamples, weighted, features);
  }

  private static void expect(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.core.JsonToken token,
      String file) throws java.io.IOException {
    if (p.nextToken() != token) {
      throw new InvalidInputException("Cannot read statistics from " + file + ": expected " + token + ", got "
          + p.currentToken());
    }
  }

  /** Writes UTF-8 text to a local path or Beam FileSystem URI, replacing what is there. */
  public static void writeText(String text, String fileUri, String mimeType) {
    TextFiles.write(fileUri, text, mimeType);
  }

  static String readText(String fileUri) {
    return TextFiles.read(fileUri, "Statistics file");
  }
}
