package io.beamline.examplegen;

import io.beamline.core.component.PropertyNames;
import io.beamline.io.csv.CsvExamples;
import io.beamline.io.files.InputFiles;
import io.beamline.io.files.InputFormat;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ResolvedArtifact;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ExampleGen: CSV, Parquet, Avro or TFRecord files in, an Examples artifact out (TFX's layout, typed
 * features, deterministic splits), plus an {@code ExampleRejects} artifact holding rows that could
 * not be read ({@code rejects.jsonl}) and the run's counts ({@code summary.json}).
 *
 * <pre>{@code
 * ComponentResult result = ExampleGen.from("data/taxi/*.csv")
 *     .withSplits("train:8,eval:2")
 *     .withPartitionFeature("company")
 *     .run("out/examplegen");            // out/examplegen/examples and out/examplegen/rejects
 * long trainCount = (Long) result.output("examples").properties().getMap(PropertyNames.SPLIT_COUNTS).get("train");
 * }</pre>
 *
 * <p>The same instance is the component a pipeline or the command line runs through
 * {@link ComponentRun}; its parameters are {@link ExampleGenParameters}.
 */
public final class ExampleGen implements Component<ExampleGenParameters> {
  /** Output key of the Examples artifact. */
  public static final String EXAMPLES = "examples";
  /** Output key of the rejects. */
  public static final String REJECTS = "rejects";
  /** The type of the rejects output. */
  public static final ArtifactType EXAMPLE_REJECTS = new ArtifactType("ExampleRejects");

  private final ExampleGenParameters parameters;
  private final List<String> beamArgs;
  private final int sampleRows;

  /** The component with default parameters, as a pipeline or the command line uses it. */
  public ExampleGen() {
    this(ExampleGenParameters.defaults(), List.of());
  }

  private ExampleGen(ExampleGenParameters parameters, List<String> beamArgs) {
    this(parameters, beamArgs, CsvExamples.DEFAULT_SAMPLE_ROWS);
  }

  private ExampleGen(ExampleGenParameters parameters, List<String> beamArgs, int sampleRows) {
    this.parameters = parameters;
    this.beamArgs = List.copyOf(beamArgs);
    this.sampleRows = sampleRows;
  }

  /**
   * CSV rows read up front to guess the column types (default 100,000, at most 32 MB): a guess the
   * run checks, reading the input a second time only when it was wrong. Tuning only; the output is
   * the same.
   */
  ExampleGen withTypeSampleRows(int rows) {
    return new ExampleGen(parameters, beamArgs, rows);
  }

  /** Reads a file, directory or glob (span placeholders allowed) and hash-splits it. */
  public static ExampleGen from(String input) {
    return new ExampleGen(ExampleGenParameters.defaults().withInput(input), List.of());
  }

  /** Reads input that is already split, e.g. {@code train=data/train/*,eval=data/eval/*}. */
  public static ExampleGen fromSplits(String splitInputs) {
    return new ExampleGen(ExampleGenParameters.defaults().withSplitInputs(SplitInput.parse(splitInputs)),
        List.of());
  }

  public ExampleGen withParameters(ExampleGenParameters p) {
    return new ExampleGen(p, beamArgs, sampleRows);
  }

  public ExampleGen withFormat(InputFormat format) {
    return withParameters(parameters.withFormat(format));
  }

  public ExampleGen withDelimiter(char delimiter) {
    return withParameters(parameters.withDelimiter(String.valueOf(delimiter)));
  }

  /** Hash split buckets, e.g. {@code train:2,eval:1}. */
  public ExampleGen withSplits(String splits) {
    return withParameters(parameters.withSplits(SplitBuckets.parse(splits)));
  }

  public ExampleGen withPartitionFeature(String feature) {
    return withParameters(parameters.withPartitionFeature(feature));
  }

  /** {@code tfrecord} or {@code parquet}. */
  public ExampleGen withOutputFormat(String format) {
    return withParameters(parameters.withOutputFormat(format));
  }

  public ExampleGen withMaxRejectFraction(double fraction) {
    return withParameters(parameters.withMaxRejectFraction(fraction));
  }

  public ExampleGen withSpan(long span) {
    return withParameters(parameters.withSpan(span, null));
  }

  public ExampleGen withSpanRange(long first, long last) {
    return withParameters(parameters.withSpan(first, last));
  }

  public ExampleGen withNumShards(int numShards) {
    return withParameters(parameters.withNumShards(numShards));
  }

  /** Beam options for the run, e.g. {@code --runner=FlinkRunner}, {@code --parallelism=4}. */
  public ExampleGen withBeamArgs(String... args) {
    return new ExampleGen(parameters, List.of(args), sampleRows);
  }

  public ExampleGenParameters parameters() {
    return parameters;
  }

  /** Runs into {@code outputDir/examples} and {@code outputDir/rejects}. */
  public ComponentResult run(String outputDir) {
    return run(ArtifactUris.child(outputDir, EXAMPLES), ArtifactUris.child(outputDir, REJECTS));
  }

  public ComponentResult run(String examplesUri, String rejectsUri) {
    return ComponentRun.of(this)
        .withParameters(parameters)
        .withOutput(EXAMPLES, examplesUri)
        .withOutput(REJECTS, rejectsUri)
        .withOptions(BeamRuns.options(beamArgs))
        .run();
  }

  @Override
  public ComponentSpec<ExampleGenParameters> spec() {
    return ComponentSpec.named("ExampleGen", ExampleGenParameters.defaults())
        .withOutput(EXAMPLES, ArtifactType.EXAMPLES)
        .withOutput(REJECTS, EXAMPLE_REJECTS);
  }

  @Override
  public Executor<ExampleGenParameters> executor() {
    return new ExampleGenExecutor(sampleRows);
  }

  /** Names, sizes and modification times of the files the parameters select (span included). */
  @Override
  public Optional<String> externalInputFingerprint(ExampleGenParameters p,
      Map<String, List<ResolvedArtifact>> inputs) {
    return Optional.of(p.resolveInputs().fingerprint());
  }
}
