package io.beamline.pipeline.cli;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.statsgen.StatisticsGenParameters;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code beamline stats}: feature statistics of every split of an Examples artifact. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {"Compute feature statistics (TFDV's statistics.proto fields) of each split:"
        + " DIR/Split-<name>/FeatureStats.json and a FeatureStats.html page."})
final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BeamArgs beam;

  @Option(names = "--examples", required = true, paramLabel = "DIR",
      description = "An Examples artifact (e.g. the examples/ folder `beamline examplegen` wrote).")
  String examples;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to write (must not exist yet).")
  String output;

  @Option(names = "--splits", split = ",", paramLabel = "NAME", description = "Only these splits (default: all).")
  List<String> splits = List.of();

  @Option(names = "--top-k", paramLabel = "K", description = "Most frequent values listed per string feature (default 20).")
  Integer topK;

  @Option(names = "--categorical", split = ",", paramLabel = "F",
      description = "INT features that are categorical: they also get unique counts and top values.")
  List<String> categorical = List.of();

  @Override
  public Integer call() {
    StatisticsGenParameters p = StatisticsGenParameters.defaults()
        .withSplitNames(splits)
        .withCategorical(categorical);
    if (topK != null) {
      p = p.withTopK(topK);
    }
    ComponentResult result = ComponentRun.of(new StatisticsGen())
        .withParameters(p)
        .withInput(StatisticsGen.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examples))
        .withOutput(StatisticsGen.STATISTICS, output)
        .withOptions(BeamRuns.options(beam.toList()))
        .run();
    PrintWriter out = spec.commandLine().getOut();
    Summaries.statistics(out, result.output(StatisticsGen.STATISTICS));
    return 0;
  }
}
