package io.beamline.cli;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.statsgen.CsvStatistics;
import io.beamline.statsgen.CsvStatisticsParameters;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.statsgen.StatisticsGenParameters;
import io.beamline.statsgen.StatisticsOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code beamline stats}: feature statistics of every split of an Examples artifact. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {"Compute feature statistics (TFDV's statistics.proto fields) of each split of an Examples"
        + " artifact, or of a CSV file in one pass: DIR/Split-<name>/FeatureStats.json and a FeatureStats.html page."},
    footer = {"", "Example:", "  beamline stats --examples ex --output st"})
final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BeamArgs beam;
  @Mixin HomeOption home;
  @Mixin ForceOption force;

  static final class Source {
    @Option(names = "--examples", paramLabel = "ARTIFACT",
        description = "An Examples artifact, every split of it." + ArtifactArgument.FORMS)
    String examples;

    @Option(names = "--input", paramLabel = "CSV",
        description = "A CSV file, directory or glob, profiled in one pass with ExampleGen's type inference:"
            + " one statistics set for all rows (split '" + CsvStatistics.SPLIT + "').")
    String csv;
  }

  @ArgGroup(exclusive = true, multiplicity = "1") Source source;

  @Option(names = "--delimiter", paramLabel = "C", defaultValue = ",", description = "CSV field delimiter (with --input).")
  char delimiter;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to write (must not exist yet, unless --force).")
  String output;

  @Option(names = "--splits", split = ",", paramLabel = "NAME", description = "Only these splits (default: all).")
  List<String> splits = List.of();

  @Option(names = "--top-k", paramLabel = "K", description = "Most frequent values listed per string feature (default 20).")
  Integer topK;

  @Option(names = "--categorical", split = ",", paramLabel = "F",
      description = "INT features that are categorical: they also get unique counts and top values.")
  List<String> categorical = List.of();

  @Option(names = "--weight-feature", paramLabel = "F",
      description = "A numeric feature holding each example's weight: adds weighted statistics.")
  String weightFeature;

  @Option(names = "--slice-by", split = ",", paramLabel = "F",
      description = "Also compute statistics per value of these features (several: per combination).")
  List<String> sliceBy = List.of();

  @Option(names = "--max-slices", paramLabel = "N", description = "Fail past this many slices (default 1000).")
  Integer maxSlices;

  @Override
  public Integer call() {
    StatisticsOptions options = StatisticsOptions.defaults()
        .withCategorical(Set.copyOf(categorical))
        .withSliceBy(sliceBy)
        .withWeightFeature(weightFeature);
    if (topK != null) {
      options = options.withTopK(topK);
    }
    if (maxSlices != null) {
      options = options.withMaxSlices(maxSlices);
    }
    StatisticsGenParameters p = StatisticsGenParameters.defaults().withSplitNames(splits).withStatistics(options);
    force.check(home, output, output);
    ComponentResult result = source.csv != null
        ? force.apply(ComponentRun.of(new CsvStatistics()))
            .withParameters(CsvStatisticsParameters.forInput(source.csv).withDelimiter(delimiter).withStatistics(options))
            .withOutput(CsvStatistics.STATISTICS, output)
            .withOptions(BeamRuns.options(beam.toList()))
            .run()
        : force.apply(ComponentRun.of(new StatisticsGen()))
            .withParameters(p)
            .withInput(StatisticsGen.EXAMPLES, new ArtifactArgument(home::resolve)
                .resolve("--examples", source.examples, ArtifactType.EXAMPLES))
            .withOutput(StatisticsGen.STATISTICS, output)
            .withOptions(BeamRuns.options(beam.toList()))
            .run();
    PrintWriter out = spec.commandLine().getOut();
    ResolvedArtifact statistics = result.output(StatisticsGen.STATISTICS);
    Summaries.statistics(out, statistics);
    if (statistics.properties().has(CsvStatistics.REJECT_COUNT)) {
      long rejected = statistics.properties().getLong(CsvStatistics.REJECT_COUNT);
      out.printf("Rejects:    %,d rejected rows%s%n", rejected,
          rejected == 0 ? "" : " in " + TerminalText.escape(ArtifactUris.child(statistics.uri(), CsvStatistics.REJECTS_FILE)));
    }
    return 0;
  }
}
