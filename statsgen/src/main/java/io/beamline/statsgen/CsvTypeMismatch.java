package io.beamline.statsgen;

import io.beamline.core.BeamlineException;
import io.beamline.core.examples.FeatureType;

/**
 * A CSV cell that does not parse with the type its column was read with. When the types were
 * guessed from a sample, this means the guess was wrong and the input must be read again with exact
 * types; {@link CsvStatisticsExecutor} does that.
 */
final class CsvTypeMismatch extends BeamlineException {
  CsvTypeMismatch(String column, FeatureType type, String file, long line, String value) {
    super("CSV column '" + column + "' was read as " + type + ", but " + file + " line " + line + " has '"
        + abbreviate(value) + "' there");
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "...";
  }
}
