package io.beamline.core.statistics;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.InvalidInputException;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.examples.ExamplesLayout;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/** The splits of an ExampleStatistics artifact: its {@code split_names} property, else its directories. */
public final class StatisticsSplits {
  private StatisticsSplits() {}

  public static List<String> of(ResolvedArtifact statistics) {
    if (statistics.properties().has(PropertyNames.SPLIT_NAMES)) {
      return statistics.properties().getStringList(PropertyNames.SPLIT_NAMES);
    }
    String pattern = ArtifactUris.child(ArtifactUris.childGlob(statistics.uri(), ExamplesLayout.SPLIT_PREFIX + "*"),
        StatisticsJson.FILE_NAME);
    TreeSet<String> splits = new TreeSet<>();
    try {
      for (MatchResult.Metadata m : FileSystems.match(pattern).metadata()) {
        String dir = m.resourceId().getCurrentDirectory().getFilename();
        if (dir != null && dir.startsWith(ExamplesLayout.SPLIT_PREFIX)) {
          splits.add(dir.substring(ExamplesLayout.SPLIT_PREFIX.length()));
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("Cannot list the splits of statistics at " + statistics.uri() + ": "
          + e.getMessage(), e);
    }
    if (splits.isEmpty()) {
      throw new InvalidInputException("No statistics found at " + statistics.uri() + ": expected "
          + ExamplesLayout.SPLIT_PREFIX + "<split>/" + StatisticsJson.FILE_NAME);
    }
    return List.copyOf(splits);
  }
}
