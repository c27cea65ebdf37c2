package io.beamline.cli;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.monitor.ServingSkew;
import io.beamline.monitor.ServingSkewParameters;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code beamline skew}: serving data against training data, by distribution and example by example. */
@Command(name = "skew", mixinStandardHelpOptions = true,
    description = {"Compare serving data with training data: each feature's distribution (from the statistics'"
        + " sketches: KS or chi-squared with p-values, PSI, Jensen-Shannon, Wasserstein), and with --id the"
        + " examples joined on identifier features, counting per feature the pairs that match, mismatch or have"
        + " values on one side only. Serving logs (TFRecord of tf.Example, or JSON lines of TF Serving REST"
        + " requests) become Examples with `beamline examplegen --split serving=LOG`.",
        "Writes DIR/distribution_skew.json, and with --id DIR/feature_skew.json and DIR/skew_pairs.jsonl.",
        "Exit code 3 with --fail-on-skew when any feature skewed."},
    footer = {"", "Example:", "  beamline skew --training-stats stats --serving-stats serving_stats --output skew",
        "", "A serving log joined with the training examples on a trip id:",
        "  beamline examplegen --split serving=requests.jsonl --output serving",
        "  beamline stats --examples serving/examples --output serving_stats",
        "  beamline skew --training-stats stats --serving-stats serving_stats \\",
        "      --training-examples ex/examples --serving-examples serving/examples --id trip_id --ignore tips --output skew"})
final class SkewCommand implements Callable<Integer> {
  static final int SKEW_FOUND = 3;

  @Spec CommandSpec spec;
  @Mixin BeamArgs beam;
  @Mixin HomeOption home;
  @Mixin ForceOption force;

  @Option(names = "--training-stats", paramLabel = "ARTIFACT", description = "Training statistics." + ArtifactArgument.FORMS)
  String trainingStats;

  @Option(names = "--serving-stats", paramLabel = "ARTIFACT", description = "Serving statistics." + ArtifactArgument.FORMS)
  String servingStats;

  @Option(names = "--training-examples", paramLabel = "ARTIFACT", description = "Training Examples, joined with --id." + ArtifactArgument.FORMS)
  String trainingExamples;

  @Option(names = "--serving-examples", paramLabel = "ARTIFACT", description = "Serving Examples, joined with --id." + ArtifactArgument.FORMS)
  String servingExamples;

  @Option(names = "--id", split = ",", paramLabel = "F", description = "Identifier features both sides keep (e.g. a request id): join the examples on them.")
  List<String> ids = List.of();

  @Option(names = "--ignore", split = ",", paramLabel = "F", description = "Features left out (e.g. the label, which serving requests lack).")
  List<String> ignored = List.of();

  @Option(names = "--training-split", paramLabel = "SPLIT", defaultValue = "train", description = "The training side's split (default: ${DEFAULT-VALUE}).")
  String trainingSplit;

  @Option(names = "--serving-split", paramLabel = "SPLIT", description = "The serving side's split (default: its only split).")
  String servingSplit;

  @Option(names = "--float-digits", paramLabel = "N", defaultValue = "-1",
      description = "Round floats to N digits after the point before comparing and joining (default: exact).")
  int floatDigits;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "10", description = "Skewed pairs kept as samples (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to write (must not exist yet, unless --force).")
  String output;

  @Option(names = "--fail-on-skew", description = "Exit with code 3 when any feature skewed (for CI gates).")
  boolean failOnSkew;

  @Override
  public Integer call() {
    if ((trainingStats == null) != (servingStats == null)) {
      throw new ParameterException(spec.commandLine(), "Give both --training-stats and --serving-stats, or neither");
    }
    if ((trainingExamples == null) != (servingExamples == null) || (trainingExamples != null) != !ids.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "A join takes --training-examples, --serving-examples and --id together");
    }
    if (trainingStats == null && trainingExamples == null) {
      throw new ParameterException(spec.commandLine(), "Give the statistics (--training-stats, --serving-stats),"
          + " the examples with --id, or both");
    }
    force.check(home, output, output);
    ServingSkewParameters p = ServingSkewParameters.defaults().withTrainingSplit(trainingSplit)
        .withServingSplit(servingSplit == null ? "" : servingSplit).withIdentifierFeatures(ids)
        .withIgnoredFeatures(ignored).withFloatRoundDigits(floatDigits).withSampleSize(samples);
    ArtifactArgument artifacts = new ArtifactArgument(home::resolve);
    ComponentRun<ServingSkewParameters> run = force.apply(ServingSkew.of()).withParameters(p)
        .withOptions(io.beamline.core.component.BeamRuns.options(beam.toList()))
        .withOutput(ServingSkew.SKEW, output);
    if (trainingStats != null) {
      run = run.withInput(ServingSkew.TRAINING_STATISTICS,
              artifacts.resolve("--training-stats", trainingStats, ArtifactType.EXAMPLE_STATISTICS))
          .withInput(ServingSkew.SERVING_STATISTICS,
              artifacts.resolve("--serving-stats", servingStats, ArtifactType.EXAMPLE_STATISTICS));
    }
    if (trainingExamples != null) {
      run = run.withInput(ServingSkew.TRAINING_EXAMPLES,
              artifacts.resolve("--training-examples", trainingExamples, ArtifactType.EXAMPLES))
          .withInput(ServingSkew.SERVING_EXAMPLES,
              artifacts.resolve("--serving-examples", servingExamples, ArtifactType.EXAMPLES));
    }
    ResolvedArtifact skew = run.run().output(ServingSkew.SKEW);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Skew:       " + TerminalText.escape(skew.uri()));
    // Lines by design, with feature names in them.
    out.print(TerminalText.escapeLines(ServingSkew.report(skew.uri()).describe().indent(2)));
    out.flush();
    return skew.properties().getBoolean(PropertyNames.SKEW_DETECTED) && failOnSkew ? SKEW_FOUND : 0;
  }
}
