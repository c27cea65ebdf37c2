package io.beamline.cli;

import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.examplegen.ExampleGen;
import io.beamline.examplegen.ExampleGenParameters;
import io.beamline.io.files.InputFormat;
import io.beamline.examplegen.SplitBuckets;
import io.beamline.examplegen.SplitInput;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code beamline examplegen}: ingest CSV, Parquet, Avro or TFRecord into split tf.Examples. */
@Command(name = "examplegen", mixinStandardHelpOptions = true,
    description = {"Ingest data into an Examples artifact: typed tf.Examples split into train/eval,"
        + " in TFX's layout (DIR/examples/Split-<name>/data_tfrecord-*.gz), with rejected rows in"
        + " DIR/rejects/rejects.jsonl."},
    footer = {"", "Example:", "  beamline examplegen --input data.csv --output ex"})
final class ExampleGenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BeamArgs beam;
  @Mixin HomeOption home;
  @Mixin ForceOption force;

  @Option(names = "--input", paramLabel = "PATH",
      description = "File, directory or glob; may contain {SPAN}, {VERSION}, {YYYY}, {MM}, {DD}.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Where to write: DIR/examples and DIR/rejects (must not exist yet, unless --force).")
  String output;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
      description = "csv, parquet, avro, tfrecord, json (TF Serving REST requests, one per line: a serving"
          + " log) or auto (from file extensions; default).")
  String format;

  @Option(names = "--split", paramLabel = "SPEC",
      description = "Hash split buckets, e.g. train:2,eval:1 (default), or pre-split input,"
          + " e.g. train=data/train/*,eval=data/eval/*.")
  String split;

  @Option(names = "--partition-feature", paramLabel = "F",
      description = "Hash this feature's value instead of the whole example, keeping each entity in one split.")
  String partitionFeature;

  @Option(names = "--output-format", paramLabel = "FORMAT", defaultValue = "tfrecord",
      description = "tfrecord (default) or parquet.")
  String outputFormat;

  @Option(names = "--max-reject-fraction", paramLabel = "X", defaultValue = "0",
      description = "Fail when more than this fraction of rows is rejected (default 0: any reject fails,"
          + " after the rejects are written).")
  double maxRejectFraction;

  @Option(names = "--delimiter", paramLabel = "C", defaultValue = ",", description = "CSV field delimiter.")
  String delimiter;

  @Option(names = "--span", paramLabel = "N|A..B",
      description = "Span to read, or an inclusive range A..B (default: the latest span).")
  String span;

  @Override
  public Integer call() {
    ExampleGenParameters p = ExampleGenParameters.defaults()
        .withFormat(InputFormat.parse(format))
        .withDelimiter(delimiter)
        .withOutputFormat(outputFormat)
        .withMaxRejectFraction(maxRejectFraction);
    if (input != null) {
      p = p.withInput(input);
    }
    if (split != null && split.contains("=")) {
      p = p.withSplitInputs(SplitInput.parse(split));
    } else if (split != null) {
      p = p.withSplits(SplitBuckets.parse(split));
    }
    if (partitionFeature != null) {
      p = p.withPartitionFeature(partitionFeature);
    }
    if (span != null) {
      String[] range = span.split("\\.\\.", 2);
      p = p.withSpan(Long.parseLong(range[0].trim()), range.length == 2 ? Long.parseLong(range[1].trim()) : null);
    }
    String examples = ArtifactUris.child(output, ExampleGen.EXAMPLES);
    String rejects = ArtifactUris.child(output, ExampleGen.REJECTS);
    force.check(home, output, examples, rejects);
    ComponentResult result = force.apply(ComponentRun.of(new ExampleGen()))
        .withParameters(p)
        .withOutput(ExampleGen.EXAMPLES, examples)
        .withOutput(ExampleGen.REJECTS, rejects)
        .withOptions(BeamRuns.options(beam.toList()))
        .run();
    PrintWriter out = spec.commandLine().getOut();
    Summaries.examples(out, result.output(ExampleGen.EXAMPLES));
    Summaries.rejects(out, result.output(ExampleGen.REJECTS));
    return 0;
  }
}
