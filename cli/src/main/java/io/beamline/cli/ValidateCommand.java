package io.beamline.cli;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import java.io.PrintWriter;
import io.beamline.validator.DriftMode;
import io.beamline.validator.ExampleValidator;
import io.beamline.validator.RowValidator;
import io.beamline.validator.RowValidatorParameters;
import io.beamline.validator.ExampleValidatorParameters;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code beamline validate}: statistics against a schema, and against baseline or serving statistics. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check statistics against a schema (anomalies named as in TensorFlow Metadata), and for"
        + " drift against a previous span's statistics and skew against serving statistics:"
        + " DIR/Split-<name>/anomalies.json and anomalies.html.",
        "Exit code 3 with --fail-on-anomalies when anomalies of severity ERROR exist."},
    footer = {"", "Example:", "  beamline validate --stats st --schema sc --output an --fail-on-anomalies"})
final class ValidateCommand implements Callable<Integer> {
  static final int ANOMALIES_FOUND = 3;

  @Spec CommandSpec spec;
  /** The Beam runner of the row check (--examples); statistics are checked in this JVM. */
  @Mixin BeamArgs beam;
  @Mixin HomeOption home;
  @Mixin ForceOption force;

  @Option(names = "--stats", paramLabel = "ARTIFACT",
      description = "The ExampleStatistics to check." + ArtifactArgument.FORMS)
  String stats;

  @Option(names = "--examples", paramLabel = "ARTIFACT",
      description = "Also check every example of this Examples artifact: which rows break the schema, with"
          + " file, record, feature and anomaly (first --max-bad-examples per feature and anomaly, counts for all)."
          + ArtifactArgument.FORMS)
  String examples;

  @Option(names = "--max-bad-examples", paramLabel = "N", defaultValue = "100",
      description = "Rows listed per feature and anomaly type (default: ${DEFAULT-VALUE}).")
  int maxBadExamples;

  @Option(names = "--rows-output", paramLabel = "DIR",
      description = "Where row-level results go (default: --output when only --examples is given, else <output>-rows).")
  String rowsOutput;

  @Option(names = "--schema", required = true, paramLabel = "FILE|ARTIFACT",
      description = "A schema.pbtxt file or a Schema artifact." + ArtifactArgument.FORMS)
  String schema;

  @Option(names = "--baseline-stats", paramLabel = "ARTIFACT",
      description = "Statistics of a previous span, for drift (ExampleStatistics, given as --stats is).")
  String baseline;

  @Option(names = "--serving-stats", paramLabel = "ARTIFACT",
      description = "Statistics of serving data, for skew (ExampleStatistics, given as --stats is).")
  String serving;

  @Option(names = "--environment", paramLabel = "E", description = "The schema environment, e.g. SERVING.")
  String environment;

  @Option(names = "--drift", paramLabel = "MODE", defaultValue = "schema",
      description = "schema: the comparators the schema configures (default); auto: pick a test per feature"
          + " by sample size and cardinality and give a dataset-level verdict.")
  String drift;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to write (must not exist yet, unless --force).")
  String output;

  @Option(names = "--fail-on-anomalies", description = "Exit with code 3 when anomalies of severity ERROR exist (for CI gates).")
  boolean failOnAnomalies;

  @Override
  public Integer call() {
    if (stats == null && examples == null) {
      throw new ParameterException(spec.commandLine(), "Give --stats DIR, --examples DIR, or both");
    }
    String rowsDir = stats == null ? output : rowsOutput != null ? rowsOutput : output + "-rows";
    if (stats != null) {
      force.check(home, output, output);
    }
    if (examples != null) {
      force.check(home, rowsDir, rowsDir);
    }
    ArtifactArgument artifacts = new ArtifactArgument(home::resolve);
    ResolvedArtifact schemaArtifact = artifacts.resolve("--schema", schema, ArtifactType.SCHEMA);
    boolean errors = stats != null && validateStatistics(artifacts, schemaArtifact);
    if (examples != null) {
      errors |= validateRows(artifacts, schemaArtifact, rowsDir);
    }
    return errors && failOnAnomalies ? ANOMALIES_FOUND : 0;
  }

  private boolean validateRows(ArtifactArgument artifacts, ResolvedArtifact schemaArtifact, String rowsDir) {
    RowValidatorParameters rp = RowValidatorParameters.defaults().withSamplesPerKey(maxBadExamples);
    if (environment != null) {
      rp = rp.withEnvironment(environment);
    }
    ResolvedArtifact rows = force.apply(ComponentRun.of(new RowValidator()))
        .withInput(RowValidator.EXAMPLES, artifacts.resolve("--examples", examples, ArtifactType.EXAMPLES))
        .withInput(RowValidator.SCHEMA, schemaArtifact)
        .withParameters(rp)
        .withOptions(BeamRuns.options(beam.toList()))
        .withOutput(RowValidator.ROW_ANOMALIES, rowsDir).run().output(RowValidator.ROW_ANOMALIES);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Rows:       " + TerminalText.escape(rows.uri()));
    for (String split : rows.properties().getStringList(PropertyNames.SPLIT_NAMES)) {
      // Lines by design, with feature names and values in them.
      out.print(TerminalText.escapeLines(RowValidator.summary(rows.uri(), split).describe().indent(2)));
    }
    out.flush();
    return rows.properties().getBoolean(PropertyNames.HAS_ANOMALIES);
  }

  private boolean validateStatistics(ArtifactArgument artifacts, ResolvedArtifact schemaArtifact) {
    ExampleValidatorParameters p = ExampleValidatorParameters.defaults()
        .withDriftMode(DriftMode.valueOf(drift.toUpperCase(java.util.Locale.ROOT)));
    if (environment != null) {
      p = p.withEnvironment(environment);
    }
    ComponentRun<ExampleValidatorParameters> run = force.apply(ComponentRun.of(new ExampleValidator()))
        .withInput(ExampleValidator.STATISTICS, artifacts.resolve("--stats", stats, ArtifactType.EXAMPLE_STATISTICS))
        .withInput(ExampleValidator.SCHEMA, schemaArtifact)
        .withParameters(p)
        .withOutput(ExampleValidator.ANOMALIES, output);
    if (baseline != null) {
      run = run.withInput(ExampleValidator.BASELINE_STATISTICS,
          artifacts.resolve("--baseline-stats", baseline, ArtifactType.EXAMPLE_STATISTICS));
    }
    if (serving != null) {
      run = run.withInput(ExampleValidator.SERVING_STATISTICS,
          artifacts.resolve("--serving-stats", serving, ArtifactType.EXAMPLE_STATISTICS));
    }
    ResolvedArtifact anomalies = run.run().output(ExampleValidator.ANOMALIES);
    return Summaries.anomalies(spec.commandLine().getOut(), anomalies);
  }
}
