package io.beamline.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.statistics.FeatureSketches;
import io.beamline.core.statistics.StatisticsSplits;
import io.beamline.io.examples.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;

/**
 * Runs ServingSkew: the distribution tests read two small sketch files, no pipeline; the feature
 * skew join is one Beam pipeline over both splits' examples ({@link FeatureSkewPipeline}).
 */
final class ServingSkewExecutor implements Executor<ServingSkewParameters> {
  static final String DISTRIBUTION_FILE = "distribution_skew.json";

  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<ServingSkewParameters> context) {
    ServingSkewParameters p = context.parameters();
    Optional<ResolvedArtifact> trainingStats = context.optionalInput(ServingSkew.TRAINING_STATISTICS);
    Optional<ResolvedArtifact> servingStats = context.optionalInput(ServingSkew.SERVING_STATISTICS);
    Optional<ResolvedArtifact> trainingExamples = context.optionalInput(ServingSkew.TRAINING_EXAMPLES);
    Optional<ResolvedArtifact> servingExamples = context.optionalInput(ServingSkew.SERVING_EXAMPLES);
    if (trainingStats.isPresent() != servingStats.isPresent()) {
      throw new InvalidParameterException(ServingSkew.NAME + ": give both training and serving statistics, or neither");
    }
    if (trainingExamples.isPresent() != servingExamples.isPresent()) {
      throw new InvalidParameterException(ServingSkew.NAME + ": give both training and serving examples, or neither");
    }
    if (trainingExamples.isPresent() && p.identifierFeatures().isEmpty()) {
      throw new InvalidParameterException(ServingSkew.NAME + ": examples are joined on identifier features;"
          + " name them (identifier_features), e.g. the request id both sides keep");
    }
    if (!p.identifierFeatures().isEmpty() && trainingExamples.isEmpty()) {
      throw new InvalidParameterException(ServingSkew.NAME + ": identifier features " + p.identifierFeatures()
          + " join examples: give the training and serving examples");
    }
    if (trainingStats.isEmpty() && trainingExamples.isEmpty()) {
      throw new InvalidParameterException(ServingSkew.NAME + ": give training and serving statistics (distribution"
          + " skew), examples with identifier features (feature skew), or both");
    }
    String out = context.outputUri(ServingSkew.SKEW);
    String servingSplit = p.servingSplit().isEmpty()
        ? onlySplit(servingStats.orElse(null), servingExamples.orElse(null)) : p.servingSplit();

    ArtifactProperties props = ArtifactProperties.empty();
    DatasetDrift distribution = null;
    if (trainingStats.isPresent()) {
      Set<String> ignored = new HashSet<>(p.ignoredFeatures());
      ignored.addAll(p.identifierFeatures()); // an id's distribution differs by construction
      distribution = DriftTests.compare(
          sketches(servingStats.get(), servingSplit, "serving"),
          sketches(trainingStats.get(), p.trainingSplit(), "training"), p.drift(), ignored);
      TextFiles.write(ArtifactUris.child(out, DISTRIBUTION_FILE), Json.writePretty(distribution), "application/json");
    }
    if (trainingExamples.isPresent()) {
      requireSplit(trainingExamples.get(), p.trainingSplit(), "training");
      requireSplit(servingExamples.get(), servingSplit, "serving");
      Pipeline pipeline = Pipeline.create(context.options());
      FeatureSkewPipeline.add(pipeline, trainingExamples.get().uri(), p.trainingSplit(), servingExamples.get().uri(),
          servingSplit, p, out);
      BeamRuns.runToCompletion(pipeline);
    }
    ServingSkewReport report = readReport(out);
    props = props.with(PropertyNames.TRAINING_SPLIT, p.trainingSplit())
        .with(PropertyNames.SERVING_SPLIT, servingSplit)
        .with(PropertyNames.SKEW_DETECTED, report.skewDetected())
        .with(PropertyNames.SKEWED_FEATURES, report.skewedFeatures());
    if (report.featureSkew() != null) {
      props = props.with(PropertyNames.PAIRS_COMPARED, report.featureSkew().join().pairsCompared())
          .with(PropertyNames.SKEWED_PAIRS, report.featureSkew().join().skewedPairs());
    }
    return Map.of(ServingSkew.SKEW, props);
  }

  private static FeatureSketches sketches(ResolvedArtifact stats, String split, String side) {
    if (!exists(FeatureSketches.splitFile(stats.uri(), split))) {
      List<String> splits = StatisticsSplits.of(stats);
      throw new InvalidInputException(ServingSkew.NAME + ": the " + side + " statistics at " + stats.uri()
          + (splits.contains(split) ? " keep no sketches for split '" + split + "' (" + FeatureSketches.FILE_NAME
              + ", written by StatisticsGen since it keeps sketches): recompute them"
              : " have no split '" + split + "'; splits there: " + splits));
    }
    return FeatureSketches.readSplit(stats.uri(), split);
  }

  private static void requireSplit(ResolvedArtifact examples, String split, String side) {
    List<String> splits = Examples.splits(examples.uri());
    if (!splits.contains(split)) {
      throw new InvalidParameterException(ServingSkew.NAME + ": the " + side + " examples at " + examples.uri()
          + " have no split '" + split + "'; splits there: " + splits);
    }
  }

  /** The serving side's one split, when it has one; several must be chosen from. */
  private static String onlySplit(ResolvedArtifact stats, ResolvedArtifact examples) {
    List<String> splits = stats != null ? StatisticsSplits.of(stats) : Examples.splits(examples.uri());
    if (splits.size() != 1) {
      throw new InvalidParameterException(ServingSkew.NAME + ": the serving data at "
          + (stats != null ? stats : examples).uri() + " has splits " + splits + "; name the one to compare (serving_split)");
    }
    return splits.get(0);
  }

  private static boolean exists(String uri) {
    try {
      return !FileSystems.match(ArtifactUris.matchSpec(uri), EmptyMatchTreatment.ALLOW).metadata().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot look for " + uri, e);
    }
  }

  static ServingSkewReport readReport(String skewUri) {
    String distributionFile = ArtifactUris.child(skewUri, DISTRIBUTION_FILE);
    String featureFile = ArtifactUris.child(skewUri, FeatureSkewPipeline.RESULT_FILE);
    DatasetDrift distribution = exists(distributionFile)
        ? read(distributionFile, "distribution skew", Json.mapper().constructType(DatasetDrift.class)) : null;
    FeatureSkew feature = null;
    List<SkewPair> pairs = new ArrayList<>();
    if (exists(featureFile)) {
      feature = read(featureFile, "feature skew", Json.mapper().constructType(FeatureSkew.class));
      String pairsFile = ArtifactUris.child(skewUri, FeatureSkewPipeline.PAIRS_FILE);
      for (String line : TextFiles.read(pairsFile, "skew pairs").split("\n")) {
        if (!line.isBlank()) {
          pairs.add(Json.read(line, SkewPair.class));
        }
      }
    }
    if (distribution == null && feature == null) {
      throw new InvalidInputException("No serving skew at " + skewUri + ": expected " + DISTRIBUTION_FILE + " or "
          + FeatureSkewPipeline.RESULT_FILE);
    }
    return new ServingSkewReport(distribution, feature, pairs);
  }

  private static <T> T read(String file, String what, JavaType type) {
    try {
      return Json.mapper().readValue(TextFiles.read(file, what), type);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("Cannot read the " + what + " " + file + ": " + e.getOriginalMessage());
    }
  }
}
