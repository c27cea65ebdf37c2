package io.beamline.statsgen;

import io.beamline.core.InvalidParameterException;
import java.util.Objects;

/**
 * Parameters of {@link CsvStatistics}.
 *
 * @param input a CSV file, directory or glob (ExampleGen's input rules: header row, RFC 4180)
 * @param delimiter the field delimiter, one character (default {@code ,})
 * @param statistics what to compute: top-k, cardinality bound, weight feature, slices... (its
 *     a CSV profile has one split, {@value CsvStatistics#SPLIT})
 */
public record CsvStatisticsParameters(String input, String delimiter, StatisticsOptions statistics) {
  public CsvStatisticsParameters {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(statistics, "statistics");
    if (delimiter == null || delimiter.length() != 1) {
      throw new InvalidParameterException("CSV delimiter must be one character, got '" + delimiter + "'");
    }
  }

  public static CsvStatisticsParameters defaults() {
    return new CsvStatisticsParameters("", ",", StatisticsOptions.defaults());
  }

  public static CsvStatisticsParameters forInput(String input) {
    return defaults().withInput(input);
  }

  public CsvStatisticsParameters withInput(String pattern) {
    return new CsvStatisticsParameters(pattern, delimiter, statistics);
  }

  public CsvStatisticsParameters withDelimiter(char c) {
    return new CsvStatisticsParameters(input, String.valueOf(c), statistics);
  }

  public CsvStatisticsParameters withStatistics(StatisticsOptions p) {
    return new CsvStatisticsParameters(input, delimiter, p);
  }
}
