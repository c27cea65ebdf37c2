package io.beamline.statsgen;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ResolvedArtifact;

/**
 * The StatisticsGen component: feature statistics of every split of an Examples artifact, written
 * as an ExampleStatistics artifact ({@code <uri>/Split-<name>/FeatureStats.json} and
 * {@code FeatureStats.html}). Input {@code examples} (Examples), output {@code statistics}
 * (ExampleStatistics) with properties {@code split_names} and {@code num_examples} (per split).
 *
 * <pre>{@code
 * ComponentResult result = StatisticsGen.run("out/examples", "out/statistics");
 * DatasetFeatureStatisticsList train = StatisticsJson.readSplit("out/statistics", "train");
 * }</pre>
 */
public final class StatisticsGen implements Component<StatisticsGenParameters> {
  public static final String NAME = "StatisticsGen";
  public static final String EXAMPLES = "examples";
  public static final String STATISTICS = "statistics";
  /** Output property: examples per split, a map from split name to count. */
  public static final String NUM_EXAMPLES = "num_examples";

  @Override
  public ComponentSpec<StatisticsGenParameters> spec() {
    return ComponentSpec.named(NAME, StatisticsGenParameters.defaults())
        .withInput(ChannelSpec.required(EXAMPLES, ArtifactType.EXAMPLES))
        .withOutput(STATISTICS, ArtifactType.EXAMPLE_STATISTICS);
  }

  /** 2: parameters became {@code (splitNames, statistics)}, so cache keys of version 1 do not match. */
  @Override
  public String version() {
    return "2";
  }

  @Override
  public Executor<StatisticsGenParameters> executor() {
    return new StatisticsGenExecutor();
  }

  /** Library shortcut: statistics of every split at {@code examplesUri}, default parameters, DirectRunner. */
  public static ComponentResult run(String examplesUri, String outputUri) {
    return ComponentRun.of(new StatisticsGen())
        .withInput(EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examplesUri))
        .withOutput(STATISTICS, outputUri)
        .run();
  }
}
