package io.beamline.validator;

import io.beamline.core.anomalies.Anomalies;
import io.beamline.core.anomalies.AnomalyInfo;
import io.beamline.core.anomalies.DriftSkewInfo;
import io.beamline.core.anomalies.DriftSummary;
import io.beamline.core.anomalies.Measurement;
import io.beamline.core.anomalies.Reason;
import io.beamline.core.schema.Feature;
import io.beamline.core.schema.Schema;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates statistics against a schema, and optionally against baseline (previous span) and serving
 * statistics: the library form of {@link ExampleValidator}, a plain function.
 *
 * <pre>{@code
 * Anomalies anomalies = Validation.of(stats).against(schema)
 *     .withBaseline(previousStats)
 *     .withParameters(ExampleValidatorParameters.defaults().withDriftMode(DriftMode.AUTO))
 *     .run();
 * }</pre>
 */
public final class Validation {
  private final DatasetFeatureStatistics stats;
  private final Schema schema;
  private final DatasetFeatureStatistics baseline;
  private final DatasetFeatureStatistics serving;
  private final ExampleValidatorParameters parameters;

  private Validation(DatasetFeatureStatistics stats, Schema schema, DatasetFeatureStatistics baseline,
      DatasetFeatureStatistics serving, ExampleValidatorParameters parameters) {
    this.stats = Objects.requireNonNull(stats, "stats");
    this.schema = schema;
    this.baseline = baseline;
    this.serving = serving;
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  public static Validation of(DatasetFeatureStatistics stats) {
    return new Validation(stats, null, null, null, ExampleValidatorParameters.defaults());
  }

  public Validation against(Schema s) {
    return new Validation(stats, Objects.requireNonNull(s, "schema"), baseline, serving, parameters);
  }

  /** Previous span's statistics: drift comparators and {@code num_examples_drift_comparator}. */
  public Validation withBaseline(DatasetFeatureStatistics previous) {
    return new Validation(stats, schema, previous, serving, parameters);
  }

  /** Serving statistics: skew comparators (these statistics are the training side). */
  public Validation withServing(DatasetFeatureStatistics servingStats) {
    return new Validation(stats, schema, baseline, servingStats, parameters);
  }

  public Validation withParameters(ExampleValidatorParameters p) {
    return new Validation(stats, schema, baseline, serving, p);
  }

  public Anomalies run() {
    Objects.requireNonNull(schema, "give a schema with against(schema) before run()");
    String env = parameters.environment().isEmpty() ? null : parameters.environment();
    Map<String, List<Reason>> reasons = new LinkedHashMap<>();
    List<DriftSkewInfo> driftSkew = new ArrayList<>();
    List<String> drifted = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int evaluated = 0;

    for (Feature f : schema.features()) {
      if (!schema.inEnvironment(f, env)) {
        continue;
      }
      FeatureNameStatistics s = stats.feature(f.name()).orElse(null);
      if (s == null) {
        add(reasons, f.name(), SchemaChecks.missingFeature(f));
        continue;
      }
      add(reasons, f.name(), SchemaChecks.feature(schema, f, s, stats.numExamples()));
      List<Measurement> driftMs = new ArrayList<>();
      List<Measurement> skewMs = new ArrayList<>();
      if (baseline != null) {
        FeatureNameStatistics b = baseline.feature(f.name()).orElse(null);
        DriftChecks.Outcome o = DriftChecks.configured("previous", f.driftComparator(), s, b, parameters);
        driftMs.addAll(o.measurements());
        add(reasons, f.name(), o.reasons());
        if (parameters.driftMode() == DriftMode.AUTO) {
          DriftChecks.Outcome auto = DriftChecks.auto(s, b);
          if (auto.evaluated()) {
            evaluated++;
            if (!auto.reasons().isEmpty()) {
              drifted.add(f.name());
            }
          } else {
            skipped.add(f.name());
          }
          mergeMeasurements(driftMs, auto.measurements());
          add(reasons, f.name(), auto.reasons().stream()
              .filter(r -> reasons.getOrDefault(f.name(), List.of()).stream().noneMatch(x -> x.type() == r.type()))
              .toList());
        }
      }
      if (serving != null) {
        FeatureNameStatistics sv = serving.feature(f.name()).orElse(null);
        DriftChecks.Outcome o = DriftChecks.configured("serving", f.skewComparator(), s, sv, parameters);
        skewMs.addAll(o.measurements());
        add(reasons, f.name(), o.reasons());
      }
      if (!driftMs.isEmpty() || !skewMs.isEmpty()) {
        driftSkew.add(new DriftSkewInfo(f.name(), driftMs, skewMs));
      }
    }
    for (FeatureNameStatistics s : stats.features()) {
      if (schema.feature(s.name()).isEmpty()) {
        add(reasons, s.name(), List.of(SchemaChecks.newColumn(s)));
      }
    }

    List<Reason> datasetReasons = new ArrayList<>(SchemaChecks.dataset(schema, stats));
    if (baseline != null) {
      datasetReasons.addAll(DriftChecks.numExamples(schema.datasetConstraints().orElse(null), stats.numExamples(),
          baseline.numExamples()));
    }
    Map<String, AnomalyInfo> info = new LinkedHashMap<>();
    reasons.forEach((name, rs) -> info.put(name, AnomalyInfo.of(name, rs)));
    DriftSummary summary = null;
    if (parameters.driftMode() == DriftMode.AUTO && baseline != null) {
      double share = evaluated == 0 ? 0 : (double) drifted.size() / evaluated;
      summary = new DriftSummary(evaluated, drifted, skipped, share, parameters.autoDriftShare(),
          evaluated > 0 && share >= parameters.autoDriftShare());
    }
    driftSkew.sort(java.util.Comparator.comparing(DriftSkewInfo::path));
    return new Anomalies(info, datasetReasons.isEmpty() ? null : AnomalyInfo.of("", datasetReasons), driftSkew,
        summary);
  }

  /** AUTO's measure replaces a report-only one of the same type (it has a threshold). */
  private static void mergeMeasurements(List<Measurement> into, List<Measurement> auto) {
    for (Measurement m : auto) {
      into.removeIf(x -> x.type().equals(m.type()) && x.threshold() == null);
      if (into.stream().noneMatch(x -> x.type().equals(m.type()))) {
        into.add(m);
      }
    }
  }

  private static void add(Map<String, List<Reason>> reasons, String feature, List<Reason> more) {
    if (!more.isEmpty()) {
      reasons.computeIfAbsent(feature, k -> new ArrayList<>()).addAll(more);
    }
  }
}
