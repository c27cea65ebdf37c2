package io.beamline.validator;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.schema.SchemaText;
import io.beamline.io.examples.Examples;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;

/** Checks every example of every split against the schema in one Beam pipeline and summarizes per split. */
final class RowValidatorExecutor implements Executor<RowValidatorParameters> {
  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<RowValidatorParameters> context) throws Exception {
    ResolvedArtifact examples = context.input(RowValidator.EXAMPLES);
    RowValidatorParameters params = context.parameters();
    // Parsed here, before any pipeline, so a bad schema fails fast with its line and column.
    String schemaText = SchemaText.write(SchemaText.readArtifact(context.input(RowValidator.SCHEMA).uri()));
    String out = context.outputUri(RowValidator.ROW_ANOMALIES);
    List<String> splits = splits(params, examples);
    Pipeline p = Pipeline.create(context.options());
    for (String split : splits) {
      RowValidationPipeline.addSplit(p, examples.uri(), split, schemaText, params.environment(),
          params.samplesPerKey(), out);
    }
    BeamRuns.runToCompletion(p);
    Map<String, Object> checked = new LinkedHashMap<>();
    Map<String, Object> bad = new LinkedHashMap<>();
    boolean any = false;
    for (String split : splits) {
      RowSummary s = RowValidator.summary(out, split);
      checked.put(split, s.examplesChecked());
      bad.put(split, s.examplesWithAnomalies());
      any |= !s.isClean();
    }
    return Map.of(RowValidator.ROW_ANOMALIES, ArtifactProperties.empty().with(PropertyNames.SPLIT_NAMES, splits)
        .with(PropertyNames.EXAMPLES_CHECKED, checked).with(PropertyNames.EXAMPLES_WITH_ANOMALIES, bad).with(PropertyNames.HAS_ANOMALIES, any));
  }

  private static List<String> splits(RowValidatorParameters params, ResolvedArtifact examples) {
    List<String> available = examples.properties().has(PropertyNames.SPLIT_NAMES)
        ? examples.properties().getStringList(PropertyNames.SPLIT_NAMES)
        : Examples.splits(examples.uri());
    if (available.isEmpty()) {
      throw new InvalidInputException(RowValidator.NAME + ": the Examples at " + examples.uri()
          + " have no splits (no Split-<name> directories with data files)");
    }
    if (params.splitNames().isEmpty()) {
      return available;
    }
    for (String split : params.splitNames()) {
      if (!available.contains(split)) {
        throw new InvalidParameterException(RowValidator.NAME + ": split '" + split + "' is not in the Examples at "
            + examples.uri() + "; splits there: " + available);
      }
    }
    return params.splitNames();
  }
}
