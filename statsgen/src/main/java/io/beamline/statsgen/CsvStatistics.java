package io.beamline.statsgen;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;

/**
 * Statistics straight from CSV in one pass, for quick profiling: ExampleGen's CSV reader and type
 * inference feed the statistics accumulators directly, without writing examples. The result is an
 * ExampleStatistics artifact with one split, {@value #SPLIT}, holding every row; rows the CSV
 * reader rejects are counted ({@code reject_count}) and kept in {@code rejects.jsonl} beside it.
 *
 * <pre>{@code
 * CsvStatistics.run(CsvStatisticsParameters.forInput("trips.csv"), "out/profile");
 * DatasetFeatureStatisticsList all = StatisticsJson.readSplit("out/profile", CsvStatistics.SPLIT);
 * }</pre>
 */
public final class CsvStatistics implements Component<CsvStatisticsParameters> {
  public static final String NAME = "CsvStatistics";
  public static final String STATISTICS = "statistics";
  /** The one split of a CSV profile. */
  public static final String SPLIT = "all";
  public static final String REJECTS_FILE = "rejects.jsonl";
  /** Output property: rows the CSV reader rejected. */
  public static final String REJECT_COUNT = PropertyNames.REJECT_COUNT;

  private final int sampleRows;

  public CsvStatistics() {
    this(0);
  }

  /** With a type-guessing sample of {@code sampleRows} rows (0: the default), for tests of a wrong guess. */
  CsvStatistics(int sampleRows) {
    this.sampleRows = sampleRows;
  }

  @Override
  public ComponentSpec<CsvStatisticsParameters> spec() {
    return ComponentSpec.named(NAME, CsvStatisticsParameters.defaults())
        .withOutput(STATISTICS, ArtifactType.EXAMPLE_STATISTICS);
  }

  @Override
  public Executor<CsvStatisticsParameters> executor() {
    return new CsvStatisticsExecutor(sampleRows);
  }

  /** Library shortcut, DirectRunner defaults. */
  public static ComponentResult run(CsvStatisticsParameters parameters, String outputUri) {
    return ComponentRun.of(new CsvStatistics()).withParameters(parameters).withOutput(STATISTICS, outputUri).run();
  }
}
