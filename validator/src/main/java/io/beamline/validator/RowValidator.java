package io.beamline.validator;

import io.beamline.core.Json;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.schema.SchemaText;
import java.util.ArrayList;
import java.util.List;

/**
 * The RowValidator component: which examples break the schema, and why. Inputs {@code examples}
 * (Examples) and {@code schema} (Schema); output {@code row_anomalies} ({@link #EXAMPLE_ROW_ANOMALIES}):
 * per split {@code Split-<name>/bad_examples.jsonl} (one {@link RowAnomaly} per line: the first
 * {@code samples_per_key} examples in file and record order per (feature, anomaly type)) and
 * {@code Split-<name>/row_summary.json} ({@link RowSummary}: complete counts). Properties:
 * {@code split_names}, {@code examples_checked} and {@code examples_with_anomalies} (per split), and
 * {@code has_anomalies}.
 *
 * <p>TFRecord files are read one per element, so the file and record index of each example are exact.
 * Parquet splits are read whole through {@link Examples#read} in shard order: their {@code file} is
 * the split's {@code data_parquet-*} glob and {@code record} the row index across the split.
 *
 * <pre>{@code
 * ResolvedArtifact rows = RowValidator.run("out/examples", "schema/schema.pbtxt", "out/rows");
 * RowSummary train = RowValidator.summary(rows.uri(), "train");
 * List<RowAnomaly> bad = RowValidator.badExamples(rows.uri(), "train");
 * }</pre>
 */
public final class RowValidator implements Component<RowValidatorParameters> {
  public static final String NAME = "RowValidator";
  public static final String EXAMPLES = "examples";
  public static final String SCHEMA = "schema";
  public static final String ROW_ANOMALIES = "row_anomalies";
  public static final ArtifactType EXAMPLE_ROW_ANOMALIES = new ArtifactType("ExampleRowAnomalies");
  public static final String BAD_EXAMPLES_FILE = "bad_examples.jsonl";
  public static final String SUMMARY_FILE = "row_summary.json";

  @Override
  public ComponentSpec<RowValidatorParameters> spec() {
    return ComponentSpec.named(NAME, RowValidatorParameters.defaults())
        .withInput(ChannelSpec.required(EXAMPLES, ArtifactType.EXAMPLES))
        .withInput(ChannelSpec.required(SCHEMA, ArtifactType.SCHEMA))
        .withOutput(ROW_ANOMALIES, EXAMPLE_ROW_ANOMALIES);
  }

  @Override
  public Executor<RowValidatorParameters> executor() {
    return new RowValidatorExecutor();
  }

  /** Library shortcut: every split, default parameters (100 listed per feature and anomaly type). */
  public static ResolvedArtifact run(String examplesUri, String schemaUri, String outputUri) {
    return of(examplesUri, schemaUri).withOutput(ROW_ANOMALIES, outputUri).run().output(ROW_ANOMALIES);
  }

  /**
   * A run to add parameters, Beam options and the output to.
   *
   * @param schemaUri a Schema artifact directory or a {@code .pbtxt} file
   */
  public static ComponentRun<RowValidatorParameters> of(String examplesUri, String schemaUri) {
    return ComponentRun.of(new RowValidator())
        .withInput(EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examplesUri))
        .withInput(SCHEMA, ResolvedArtifact.at(ArtifactType.SCHEMA, schemaUri));
  }

  /** {@code Split-<split>/row_summary.json} of a row-anomalies artifact. */
  public static RowSummary summary(String rowAnomaliesUri, String split) {
    String file = ArtifactUris.child(ExamplesLayout.splitDir(rowAnomaliesUri, split), SUMMARY_FILE);
    return Json.read(SchemaText.readText(file), RowSummary.class);
  }

  /** The examples listed in {@code Split-<split>/bad_examples.jsonl}, sorted by feature, type, file, record. */
  public static List<RowAnomaly> badExamples(String rowAnomaliesUri, String split) {
    String file = ArtifactUris.child(ExamplesLayout.splitDir(rowAnomaliesUri, split), BAD_EXAMPLES_FILE);
    List<RowAnomaly> out = new ArrayList<>();
    for (String line : SchemaText.readText(file).split("\n")) {
      if (!line.isBlank()) {
        out.add(Json.read(line, RowAnomaly.class));
      }
    }
    return out;
  }
}
