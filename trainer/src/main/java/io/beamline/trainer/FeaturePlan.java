package io.beamline.trainer;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.examples.FeatureType;
import io.beamline.core.schema.Feature;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaType;
import io.beamline.core.schema.StringDomain;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.StringStatistics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The preprocessing of every input feature plus the label, derived from the schema and the train
 * split's statistics. Written to the ModelRun as {@code preprocessing.json} so the constants baked
 * into the graph can be read by people.
 *
 * @param label the label feature
 * @param labelType INT or FLOAT, or BYTES for a multiclass label given as class names
 * @param features the input features, in the order of the model's input columns
 * @param head the output layer and loss
 * @param classes multiclass: the number of classes K (label ids 0 .. K-1); else 1, the output width
 * @param classNames a string multiclass label's classes, sorted: output column c is class c; else empty
 */
record FeaturePlan(String label, FeatureType labelType, List<InputFeature> features, Head head, int classes,
    List<String> classNames) {
  /** Labels of a multiclass head are class ids below this (a larger max label is more likely a mistake). */
  static final int MAX_CLASSES = 1000;

  FeaturePlan {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(labelType, "labelType");
    features = List.copyOf(features);
    classNames = classNames == null ? List.of() : List.copyOf(classNames);
    if (features.isEmpty()) {
      throw new InvalidParameterException("No features to train on besides the label '" + label + "'");
    }
  }

  List<String> featureNames() {
    return features.stream().map(InputFeature::name).toList();
  }

  int width() {
    return features.stream().mapToInt(InputFeature::width).sum();
  }

  /**
   * The plan for a schema and train statistics.
   *
   * @throws InvalidInputException when the label is not in the schema or not binary, or the train
   *     split is empty
   * @throws InvalidParameterException when a requested feature is not in the schema or cannot be used
   */
  static FeaturePlan of(Schema schema, DatasetFeatureStatistics train, TrainerParameters p, String statsSource) {
    if (p.label().isEmpty()) {
      throw new InvalidParameterException("Trainer needs a label feature (parameter 'label')");
    }
    if (train.numExamples() == 0) {
      throw new InvalidInputException("The train split '" + p.trainSplit() + "' is empty (statistics at "
          + statsSource + " count 0 examples); nothing to train on");
    }
    Feature labelFeature = schema.feature(p.label()).orElseThrow(() -> new InvalidInputException(
        "Label '" + p.label() + "' is not a feature of the schema; it has "
            + schema.features().stream().map(Feature::name).toList()));
    FeatureType labelType = p.head() == Head.BINARY ? checkBinaryLabel(labelFeature, train, statsSource)
        : checkNumericLabel(labelFeature, p.head());
    List<String> classNames = labelType == FeatureType.BYTES
        ? classNames(schema, labelFeature, train, statsSource) : List.of();
    int classes = p.head() != Head.MULTICLASS ? 1
        : labelType == FeatureType.BYTES ? classNames.size() : classCount(labelFeature, train, statsSource);

    List<String> names = new ArrayList<>();
    if (p.features().isEmpty()) {
      for (Feature f : schema.features()) {
        if (!f.name().equals(p.label()) && !p.exclude().contains(f.name()) && usable(f.type())) {
          names.add(f.name());
        }
      }
    } else {
      for (String name : new LinkedHashSet<>(p.features())) {
        Feature f = schema.feature(name).orElseThrow(() -> new InvalidParameterException("Feature '" + name
            + "' is not in the schema; it has " + schema.features().stream().map(Feature::name).toList()));
        if (name.equals(p.label())) {
          throw new InvalidParameterException("Feature '" + name + "' is the label; it cannot also be an input");
        }
        if (!usable(f.type())) {
          throw new InvalidParameterException("Feature '" + name + "' has type " + f.type()
              + "; the trainer uses INT, FLOAT and BYTES features");
        }
        if (!p.exclude().contains(name)) {
          names.add(name);
        }
      }
    }
    for (String name : p.exclude()) {
      schema.feature(name).orElseThrow(() -> new InvalidParameterException("Excluded feature '" + name
          + "' is not in the schema; it has " + schema.features().stream().map(Feature::name).toList()));
    }
    for (String name : p.bucketize()) {
      if (!names.contains(name)) {
        throw new InvalidParameterException("Bucketized feature '" + name + "' is not one of the trained features "
            + names);
      }
    }
    List<InputFeature> features = new ArrayList<>();
    for (String name : names) {
      Feature f = schema.requireFeature(name);
      Optional<FeatureNameStatistics> stats = train.feature(name);
      features.add(f.type() == SchemaType.BYTES
          ? categorical(schema, f, stats, p.maxVocabularySize())
          : numeric(f, stats, p.bucketize().contains(name), statsSource));
    }
    return new FeaturePlan(p.label(), labelType, features, p.head(), classes, classNames);
  }

  private static boolean usable(SchemaType type) {
    return type == SchemaType.INT || type == SchemaType.FLOAT || type == SchemaType.BYTES;
  }

  private static FeatureType checkNumericLabel(Feature label, Head head) {
    if (head == Head.MULTICLASS && label.type() == SchemaType.BYTES) {
      return FeatureType.BYTES;
    }
    if (head == Head.MULTICLASS ? label.type() != SchemaType.INT
        : label.type() != SchemaType.INT && label.type() != SchemaType.FLOAT) {
      throw new InvalidInputException("Label '" + label.name() + "' has type " + label.type() + "; a "
          + (head == Head.MULTICLASS ? "multiclass label must be INT class ids 0 .. K-1 or BYTES class names"
          : "regression label must be INT or FLOAT"));
    }
    return label.type() == SchemaType.INT ? FeatureType.INT : FeatureType.FLOAT;
  }

  /**
   * The classes of a string label, sorted: the schema's domain of it when it has one, else every
   * value the train statistics saw (which must all be among their top values, counted exactly).
   */
  private static List<String> classNames(Schema schema, Feature label, DatasetFeatureStatistics train,
      String statsSource) {
    Optional<StringDomain> domain = schema.stringDomainOf(label);
    List<String> names;
    if (domain.isPresent() && !domain.get().values().isEmpty()) {
      names = List.copyOf(new TreeSet<>(domain.get().values()));
    } else {
      StringStatistics strings = train.feature(label.name()).map(FeatureNameStatistics::stringStats).orElse(null);
      if (strings == null || strings.approximate() || strings.topValues().size() < strings.unique()) {
        throw new InvalidInputException("Label '" + label.name() + "' has class names, but the schema has no domain"
            + " for it and the train statistics at " + statsSource + " do not list every value"
            + (strings == null ? "" : " (" + strings.unique() + " distinct, " + strings.topValues().size() + " listed)")
            + "; give the label a string domain in the schema");
      }
      names = List.copyOf(new TreeSet<>(strings.topValues().stream().map(StringStatistics.FreqAndValue::value).toList()));
    }
    if (names.size() < 2 || names.size() > MAX_CLASSES) {
      throw new InvalidInputException("Label '" + label.name() + "' has " + names.size() + " classes "
          + (names.size() <= 10 ? names : "") + "; a multiclass label needs 2 to " + MAX_CLASSES);
    }
    return names;
  }

  /** K = the largest class id in the train split + 1. */
  private static int classCount(Feature label, DatasetFeatureStatistics train, String statsSource) {
    NumericStatistics num = train.feature(label.name()).map(FeatureNameStatistics::numStats).orElse(null);
    if (num == null || num.min() == null || num.max() == null || num.min() < 0 || num.max() >= MAX_CLASSES
        || num.max() < 1) {
      throw new InvalidInputException("Label '" + label.name() + "' is not a class id: the train split's values range "
          + (num == null ? "unknown" : "[" + num.min() + ", " + num.max() + "]") + " (statistics at " + statsSource
          + "); expected ids 0 .. K-1 with 2 <= K <= " + MAX_CLASSES);
    }
    return (int) Math.round(num.max()) + 1;
  }

  private static FeatureType checkBinaryLabel(Feature label, DatasetFeatureStatistics train, String statsSource) {
    if (label.type() != SchemaType.INT && label.type() != SchemaType.FLOAT) {
      throw new InvalidInputException("Label '" + label.name() + "' has type " + label.type()
          + "; a binary label must be INT or FLOAT with values 0 and 1");
    }
    FeatureNameStatistics stats = train.feature(label.name()).orElseThrow(() -> new InvalidInputException(
        "Label '" + label.name() + "' has no statistics in the train split at " + statsSource
            + "; it is missing from every example"));
    NumericStatistics num = stats.numStats();
    if (num == null || num.min() == null || num.max() == null || num.min() < 0 || num.max() > 1) {
      throw new InvalidInputException("Label '" + label.name() + "' is not binary: the train split's values range "
          + (num == null ? "unknown" : "[" + num.min() + ", " + num.max() + "]") + " (statistics at " + statsSource
          + "); expected only 0 and 1");
    }
    return label.type() == SchemaType.INT ? FeatureType.INT : FeatureType.FLOAT;
  }

  private static InputFeature numeric(Feature f, Optional<FeatureNameStatistics> stats, boolean bucketize,
      String statsSource) {
    NumericStatistics num = stats.map(FeatureNameStatistics::numStats).orElse(null);
    // A feature missing from every train example still gets an input (its missing indicator), centred at 0.
    double mean = num == null || num.mean() == null || !Double.isFinite(num.mean()) ? 0 : num.mean();
    double std = num == null || num.stdDev() == null || !(num.stdDev() > 0) || !Double.isFinite(num.stdDev())
        ? 1 : num.stdDev();
    List<Double> boundaries = List.of();
    if (bucketize) {
      Histogram quantiles = num == null ? null : num.histogram(Histogram.Type.QUANTILES).orElse(null);
      if (quantiles == null || quantiles.buckets().size() < 2) {
        throw new InvalidInputException("Feature '" + f.name() + "' cannot be bucketized: the statistics at "
            + statsSource + " have no quantiles histogram for it");
      }
      TreeSet<Double> cuts = new TreeSet<>();
      List<Histogram.Bucket> buckets = quantiles.buckets();
      for (int i = 0; i < buckets.size() - 1; i++) {
        cuts.add(buckets.get(i).highValue());
      }
      boundaries = List.copyOf(cuts);
    }
    return new InputFeature(f.name(), f.type() == SchemaType.INT ? FeatureType.INT : FeatureType.FLOAT, mean,
        std, List.of(), boundaries);
  }

  private static InputFeature categorical(Schema schema, Feature f, Optional<FeatureNameStatistics> stats,
      int maxVocabulary) {
    Optional<StringDomain> domain = schema.stringDomainOf(f);
    List<String> vocabulary;
    if (domain.isPresent() && !domain.get().values().isEmpty() && domain.get().values().size() <= maxVocabulary) {
      vocabulary = domain.get().values();
    } else {
      // The most frequent train values; rarer ones share the OOV column with values never seen.
      StringStatistics strings = stats.map(FeatureNameStatistics::stringStats).orElse(null);
      vocabulary = strings == null ? List.of() : strings.topValues().stream()
          .limit(maxVocabulary).map(StringStatistics.FreqAndValue::value).toList();
    }
    return new InputFeature(f.name(), FeatureType.BYTES, 0, 1, List.copyOf(new LinkedHashSet<>(vocabulary)),
        List.of());
  }
}
