package io.beamline.evaluator;

import io.beamline.core.component.Elements;
import io.beamline.core.TensorFlowSettings;
import io.beamline.core.component.ModelFingerprint;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.io.files.LineFile;
import io.beamline.io.examples.Examples;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.evaluator.metrics.BundleMetrics;
import io.beamline.evaluator.metrics.MetricsResult;
import io.beamline.evaluator.metrics.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Owns the Evaluator's Beam graph: read and score the split file by file with candidate and baseline
 * (pre-aggregating per file), merge the partial metrics per (model, slice), write the rows; then, on the driver (the rows are small: models x slices),
 * hide small slices, check thresholds and write metrics.json, evaluation.html and the blessing.
 */
final class EvaluatorExecutor implements Executor<EvaluatorParameters> {
  static {
    TensorFlowSettings.apply();
  }

  static final String METRICS_FILE = "metrics.json";
  static final String HTML_FILE = "evaluation.html";
  static final String BLESSED_FILE = "BLESSED";
  static final String NOT_BLESSED_FILE = "NOT_BLESSED";
  private static final String ROWS_FILE = ".metric-rows.jsonl";

  /** One combined result row on its way from the pipeline to the driver. */
  record Row(String model, String slice, MetricsResult metrics) {}

  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<EvaluatorParameters> context) throws Exception {
    EvaluatorParameters config = context.parameters();
    ResolvedArtifact examples = context.input(Evaluator.EXAMPLES);
    ResolvedArtifact model = context.input(Evaluator.MODEL);
    ResolvedArtifact baseline = context.optionalInput(Evaluator.BASELINE_MODEL).orElse(null);
    checkFeaturesKnown(config, examples, context.optionalInput(Evaluator.SCHEMA).orElse(null));
    // A model trained on string class names says which class each output column is.
    if (config.classNames() == null && (config.task() == null || config.task() == Task.MULTICLASS)
        && model.properties().has(PropertyNames.CLASS_NAMES)) {
      config = config.withClassNames(model.properties().getStringList(PropertyNames.CLASS_NAMES));
    }
    String source = "split '" + config.split() + "' of " + examples.uri();
    List<String> files = Examples.payloadFileUris(examples.uri(), config.split());
    // Load each model here first, so a wrong signature or output fails before any data is read, and
    // settle the task (binary, multiclass, regression) from the candidate's output and the labels. Both
    // stay loaded until the pipeline is done: an embedded runner's workers score with these copies.
    String evaluationUri = context.outputUri(Evaluator.EVALUATION);
    String rowsFile = ArtifactUris.child(evaluationUri, ROWS_FILE);
    try (SavedModelScorer scorer = SavedModelScorer.load(model.uri(), config.model());
        SavedModelScorer baselineScorer = baseline == null ? null : SavedModelScorer.load(baseline.uri(),
            config.model())) {
      if (files.isEmpty()) {
        throw new InvalidInputException("There are no examples to evaluate in " + source);
      }
      config = TaskInference.resolve(config, scorer.declaredColumns(), scorer.outputKey(), files.get(0), source);
      BeamRuns.runToCompletion(scoringPipeline(context, config, files, source, rowsFile));
    }

    Map<String, Map<String, MetricsResult>> byModel = new TreeMap<>();
    for (String line : Payloads.readLinesAndDelete(ArtifactUris.escapeGlob(rowsFile))) {
      Row row = Json.read(line, Row.class);
      byModel.computeIfAbsent(row.model(), m -> new TreeMap<>(SliceOrder.INSTANCE)).put(row.slice(), row.metrics());
    }
    Map<String, MetricsResult> candidateAll = byModel.getOrDefault(ScoreFn.CANDIDATE, Map.of());
    if (!candidateAll.containsKey(SliceKeys.OVERALL)) {
      throw new InvalidInputException("There are no examples to evaluate in " + source);
    }
    checkSlicingFeaturesSeen(config, candidateAll.keySet(), source);
    Map<String, MetricsResult> candidate = reported(candidateAll, config.minSliceSize());
    int hidden = candidateAll.size() - candidate.size();
    Map<String, MetricsResult> baselineReported = baseline == null ? null
        : reported(byModel.getOrDefault(ScoreFn.BASELINE, Map.of()), config.minSliceSize());

    ValidationResult validation = ThresholdChecks.check(config.thresholds(), candidate, baselineReported);
    List<EvaluationReport.SliceMetrics> slices = new ArrayList<>();
    candidate.forEach((slice, metrics) -> slices.add(new EvaluationReport.SliceMetrics(slice, metrics,
        baselineReported == null ? null : baselineReported.get(slice))));
    EvaluationReport report = new EvaluationReport(model.id(), model.uri(), baseline == null ? null : baseline.id(),
        baseline == null ? null : baseline.uri(), examples.uri(), config.split(), config.minSliceSize(), hidden,
        slices, validation, config);
    Payloads.writeText(ArtifactUris.child(evaluationUri, METRICS_FILE), Json.writePretty(report));
    Payloads.writeText(ArtifactUris.child(evaluationUri, HTML_FILE), EvaluationHtml.render(report));

    boolean blessed = validation.validationOk();
    String blessingUri = context.outputUri(Evaluator.BLESSING);
    Payloads.writeText(ArtifactUris.child(blessingUri, blessed ? BLESSED_FILE : NOT_BLESSED_FILE), "");
    return Map.of(
        Evaluator.EVALUATION, withSpan(evaluationProperties(report, model, baseline), examples),
        Evaluator.BLESSING, blessingProperties(blessed, message(validation), model, baseline));
  }

  /**
   * One element per payload file, not per example: ScoreFn reads and scores each file itself, so
   * memory stays at a batch per thread whatever the split size (see ScoreFn). The reshuffle spreads
   * the files over the runner's threads. The combined metric rows go to {@code rowsFile}.
   */
  private static Pipeline scoringPipeline(ExecutorContext<EvaluatorParameters> context, EvaluatorParameters config,
      List<String> files, String source, String rowsFile) {
    ResolvedArtifact model = context.input(Evaluator.MODEL);
    ResolvedArtifact baseline = context.optionalInput(Evaluator.BASELINE_MODEL).orElse(null);
    Pipeline p = Pipeline.create(context.options());
    p.apply("PayloadFiles[" + config.split() + "]", Elements.of(files, StringUtf8Coder.of()))
        .apply("SpreadFiles", Reshuffle.viaRandomKey())
        .apply("ReadAndScore", ParDo.of(new ScoreFn(model.uri(), baseline == null ? null : baseline.uri(), config,
            source, quantileBuckets(config, context.optionalInput(Evaluator.STATISTICS).orElse(null)))))
        .setCoder(KvCoder.of(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()), ByteArrayCoder.of()))
        .apply("Metrics", BundleMetrics.mergePerKey(config.metricsSpec()))
        .apply("ToJson", MapElements.into(TypeDescriptors.strings())
            .via(kv -> Json.write(new Row(kv.getKey().getKey(), kv.getKey().getValue(), kv.getValue()))))
        .apply("WriteRows", LineFile.to(rowsFile));
    return p;
  }

  /**
   * The buckets of every quantile slicing spec's features, cut at the quantiles of the eval split's
   * statistics; empty when no spec asks for them.
   */
  private static Map<String, QuantileBuckets> quantileBuckets(EvaluatorParameters config, ResolvedArtifact statistics) {
    Map<String, QuantileBuckets> out = new TreeMap<>();
    for (SlicingSpec spec : config.slicingSpecs()) {
      if (spec.quantileBuckets() == null) {
        continue;
      }
      if (statistics == null) {
        throw new InvalidInputException("Slicing spec " + spec.featureKeys() + " asks for " + spec.quantileBuckets()
            + " quantile buckets: bind the eval data's statistics (input '" + Evaluator.STATISTICS + "')");
      }
      String source = "split '" + config.split() + "' of " + statistics.uri();
      DatasetFeatureStatistics stats = StatisticsJson.readSplit(statistics.uri(), config.split()).whole();
      for (String feature : spec.featureKeys()) {
        out.put(SliceKeys.bucketKey(feature, spec.quantileBuckets()),
            QuantileBuckets.of(stats, feature, spec.quantileBuckets(), source));
      }
    }
    return out;
  }

  /** Overall always; other slices only from {@code minSliceSize} examples up. Overall first, then in natural order. */
  private static Map<String, MetricsResult> reported(Map<String, MetricsResult> all, long minSliceSize) {
    Map<String, MetricsResult> out = new LinkedHashMap<>();
    if (all.containsKey(SliceKeys.OVERALL)) {
      out.put(SliceKeys.OVERALL, all.get(SliceKeys.OVERALL));
    }
    all.forEach((slice, m) -> {
      if (!slice.equals(SliceKeys.OVERALL) && m.exampleCount() >= minSliceSize) {
        out.put(slice, m);
      }
    });
    return out;
  }

  static String message(ValidationResult v) {
    String notes = v.notes().isEmpty() ? "" : " " + String.join(" ", v.notes());
    return switch (v.status()) {
      case OK -> "Blessed: every threshold check passed." + notes;
      case NOT_VALIDATED -> "Not blessed: not validated (the eval config has no thresholds).";
      case FAILED -> "Not blessed: " + v.failures().size() + " threshold check(s) failed, first: "
          + v.failures().get(0).message() + "." + notes;
    };
  }

  private static ArtifactProperties evaluationProperties(EvaluationReport report, ResolvedArtifact model,
      ResolvedArtifact baseline) {
    Map<String, Object> overall = new TreeMap<>(report.overall().candidate().values());
    ArtifactProperties props = ArtifactProperties.empty()
        .with(PropertyNames.VALIDATION_OK, report.validation().validationOk())
        .with(PropertyNames.VALIDATION_STATUS, report.validation().status().name())
        .with(PropertyNames.EXAMPLE_COUNT, report.overall().candidate().exampleCount())
        .with(PropertyNames.SLICE_COUNT, report.slices().size())
        .with(PropertyNames.HIDDEN_SLICES, report.hiddenSlices())
        .with(PropertyNames.OVERALL, overall)
        .with(PropertyNames.CANDIDATE_MODEL_ID, model.id())
        .with(PropertyNames.METRICS_FILE, METRICS_FILE)
        .with(PropertyNames.HTML_FILE, HTML_FILE);
    return baseline == null ? props : props.with(PropertyNames.BASELINE_MODEL_ID, baseline.id());
  }

  /** The evaluated examples' span, so a history of evaluations is ordered by the span they judged. */
  private static ArtifactProperties withSpan(ArtifactProperties props, ResolvedArtifact examples) {
    return examples.properties().has(PropertyNames.SPAN)
        ? props.with(PropertyNames.SPAN, examples.properties().getLong(PropertyNames.SPAN)) : props;
  }

  private static ArtifactProperties blessingProperties(boolean blessed, String message, ResolvedArtifact model,
      ResolvedArtifact baseline) {
    ArtifactProperties props = ArtifactProperties.empty()
        .with(PropertyNames.BLESSED, blessed)
        .with(PropertyNames.MESSAGE, message)
        .with(PropertyNames.CANDIDATE_MODEL_ID, model.id())
        .with(PropertyNames.CANDIDATE_MODEL_URI, model.uri())
        // the pusher pushes a model only under a blessing made for these exact bytes
        .with(PropertyNames.CANDIDATE_MODEL_FINGERPRINT, ModelFingerprint.of(model.uri()));
    return baseline == null ? props
        : props.with(PropertyNames.BASELINE_MODEL_ID, baseline.id()).with(PropertyNames.BASELINE_MODEL_URI, baseline.uri());
  }

  /**
   * When the features of the eval data are known (Examples' feature_types or the schema), every
   * feature the config reads must be one of them: a typo fails before inference.
   */
  private static void checkFeaturesKnown(EvaluatorParameters config, ResolvedArtifact examples, ResolvedArtifact schema) {
    Set<String> known = new TreeSet<>();
    String from;
    if (schema != null) {
      SchemaText.readArtifact(schema.uri()).features().forEach(f -> known.add(f.name()));
      from = "the schema at " + schema.uri();
    } else if (examples.properties().has(PropertyNames.FEATURE_TYPES)) {
      known.addAll(examples.properties().getMap(PropertyNames.FEATURE_TYPES).keySet());
      from = "the feature types of " + examples.uri();
    } else {
      return;
    }
    require(known, config.labelKey(), "label_key", from);
    if (config.weightKey() != null) {
      require(known, config.weightKey(), "weight_key", from);
    }
    for (SlicingSpec spec : config.slicingSpecs()) {
      for (String feature : spec.features()) {
        require(known, feature, "slicing feature", from);
      }
    }
  }

  private static void require(Set<String> known, String feature, String role, String from) {
    if (!known.contains(feature)) {
      throw new InvalidInputException("Unknown " + role + " '" + feature + "': it is not among the features in "
          + from + ": " + known);
    }
  }

  /** Without known feature names: a feature-key slicing spec that produced no slice at all names a feature no example has. */
  private static void checkSlicingFeaturesSeen(EvaluatorParameters config, Set<String> slices, String source) {
    for (SlicingSpec spec : config.slicingSpecs()) {
      if (!spec.featureValues().isEmpty()) {
        continue;
      }
      for (String feature : spec.featureKeys()) {
        boolean seen = slices.stream().anyMatch(s -> s.startsWith(feature + "=") || s.contains("," + feature + "="));
        if (!seen) {
          throw new InvalidInputException("Unknown slicing feature '" + feature + "': no example in " + source
              + " has it (slicing spec " + spec.featureKeys() + ")");
        }
      }
    }
  }

}
