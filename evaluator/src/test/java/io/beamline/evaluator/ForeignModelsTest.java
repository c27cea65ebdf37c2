package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.evaluator.metrics.MetricNames;
import io.beamline.evaluator.metrics.MetricsResult;
import io.beamline.evaluator.metrics.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Models trained elsewhere ({@link ForeignModels}): Keras-style logits with a vocabulary asset, named
 * feature inputs, a three-class softmax head and a regression, each evaluated end to end and checked
 * against {@link Direct} computations on the same data.
 */
class ForeignModelsTest {
  static final List<String> SPECIES = List.of("Adelie", "Chinstrap", "Gentoo");
  @TempDir static Path shared;
  static EvalData binary;
  static List<Example> others;
  static Path othersUri;
  @TempDir Path out;
  /** The output directory of the last {@link #evaluate} call. */
  private Path last;

  @BeforeAll
  static void fixtures() {
    binary = EvalData.write(shared.resolve("binary"), 2000, 23);
    Random random = new Random(5);
    others = new ArrayList<>();
    for (int i = 0; i < 2400; i++) {
      float x1 = (float) random.nextGaussian();
      float x2 = (float) random.nextGaussian();
      double[] p = ForeignModels.classProbabilities(x1, x2);
      double u = random.nextDouble();
      int species = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
      // fares around the regression model's value, some of them exactly 0 (MAPE skips those)
      float fare = i % 50 == 0 ? 0f : (float) (ForeignModels.regressionPrediction(x1, x2) + 2 * random.nextGaussian());
      others.add(Example.newBuilder().setFeatures(org.tensorflow.proto.Features.newBuilder()
          .putFeature("x1", floats(x1)).putFeature("x2", floats(x2))
          .putFeature("species", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(species)).build())
          .putFeature("species_name", Feature.newBuilder().setBytesList(BytesList.newBuilder()
              .addValue(ByteString.copyFromUtf8(SPECIES.get(species)))).build())
          .putFeature("fare", floats(fare))).build());
    }
    othersUri = shared.resolve("others");
    EvalData.writeShards(others, othersUri, ExamplesLayout.FORMAT_TFRECORD, 3);
  }

  private static Feature floats(float v) {
    return Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(v)).build();
  }

  private MetricsResult evaluate(EvaluatorParameters config, Path examples, Path model) throws Exception {
    Path out = Files.createTempDirectory(this.out, "run");
    last = out;
    ComponentRun.of(new Evaluator())
        .withParameters(config)
        .withInput(Evaluator.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examples.toString()))
        .withInput(Evaluator.MODEL, ResolvedArtifact.at(ArtifactType.MODEL, model.toString()))
        .withOutput(Evaluator.EVALUATION, out.resolve("evaluation").toString())
        .withOutput(Evaluator.BLESSING, out.resolve("blessing").toString())
        .run();
    EvaluationReport report = Json.read(Files.readString(out.resolve("evaluation/metrics.json")), EvaluationReport.class);
    return report.overall().candidate();
  }

  @Test
  void kerasLogitsWithAVocabularyAssetAreScoredThroughTheTable() throws Exception {
    Path model = ForeignModels.kerasWithVocabulary(shared.resolve("keras"));
    EvaluatorParameters config = EvaluatorParameters.forLabel("label")
        .withModel(ModelSpec.defaults().withOutput(null, OutputTransform.SIGMOID));
    MetricsResult r = evaluate(config, binary.uri, model);

    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    double sum = 0;
    for (Example e : binary.examples) {
      double p = 1 / (1 + Math.exp(-ForeignModels.kerasLogit(EvalData.value(e, "x1"), EvalData.value(e, "x2"),
          EvalData.kind(e))));
      sum += p;
      (EvalData.intValue(e, "label") == 1 ? pos : neg).add(p);
    }
    // the bias of each kind comes from the vocabulary file: an empty table would give every example -6
    assertEquals(sum / binary.examples.size(), r.values().get(MetricNames.MEAN_PREDICTION), 1e-5);
    assertEquals(Direct.auc(pos, neg), r.values().get(MetricNames.AUC), 1e-3);
  }

  @Test
  void logitsWithoutATransformFailNamingTheFix() throws Exception {
    Path model = ForeignModels.kerasWithVocabulary(shared.resolve("keras-raw"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> evaluate(EvaluatorParameters.forLabel("label"), binary.uri, model));
    assertTrue(e.getMessage().contains("is not a probability") && e.getMessage().contains("logit"), e.getMessage());
  }

  @Test
  void namedFeatureTensorsAreFedFromTheExamples() throws Exception {
    Path model = ForeignModels.featureInputs(shared.resolve("features"));
    MetricsResult r = evaluate(EvaluatorParameters.forLabel("label"), binary.uri, model);
    double sum = 0;
    for (Example e : binary.examples) {
      sum += ForeignModels.featureProbability(EvalData.value(e, "x1"), EvalData.value(e, "x2"),
          EvalData.intValue(e, "hour"));
    }
    assertEquals(sum / binary.examples.size(), r.values().get(MetricNames.MEAN_PREDICTION), 1e-5);

    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> evaluate(EvaluatorParameters.forLabel("species"), othersUri, model));
    assertTrue(missing.getMessage().contains("input 'hour' is fed from feature 'hour', which record 0 lacks"),
        missing.getMessage());
  }

  @Test
  void multiclassMetricsEqualADirectComputation() throws Exception {
    Path model = ForeignModels.multiclassLogits(shared.resolve("multiclass"));
    EvaluatorParameters config = EvaluatorParameters.forLabel("species_name").withClassNames(SPECIES)
        .withModel(ModelSpec.defaults().withOutput("output_0", OutputTransform.SOFTMAX));
    MetricsResult r = evaluate(config, othersUri, model);

    List<Integer> labels = new ArrayList<>();
    List<double[]> probabilities = new ArrayList<>();
    for (Example e : others) {
      labels.add((int) EvalData.intValue(e, "species"));
      probabilities.add(ForeignModels.classProbabilities(EvalData.value(e, "x1"), EvalData.value(e, "x2")));
    }
    double[][] confusion = Direct.confusion(labels, probabilities, 3);
    for (int a = 0; a < 3; a++) {
      for (int p = 0; p < 3; p++) {
        assertEquals(confusion[a][p], r.classConfusion().weights().get(a).get(p), 1e-9, "cell " + a + "," + p);
      }
    }
    double n = labels.size();
    double correct = confusion[0][0] + confusion[1][1] + confusion[2][2];
    Map<String, Double> v = r.values();
    assertEquals(correct / n, v.get(MetricNames.ACCURACY), 1e-12);
    assertEquals(correct / n, v.get(MetricNames.MICRO_F1), 1e-12);
    double macroF1 = 0;
    double weightedRecall = 0;
    for (int c = 0; c < 3; c++) {
      double tp = confusion[c][c];
      double support = confusion[c][0] + confusion[c][1] + confusion[c][2];
      double predicted = confusion[0][c] + confusion[1][c] + confusion[2][c];
      String name = SPECIES.get(c);
      assertEquals(tp / predicted, v.get(MetricNames.perClass(MetricNames.PRECISION, name)), 1e-12);
      assertEquals(tp / support, v.get(MetricNames.perClass(MetricNames.RECALL, name)), 1e-12);
      double f1 = 2 * tp / (support + predicted);
      assertEquals(f1, v.get(MetricNames.perClass(MetricNames.F1, name)), 1e-12);
      macroF1 += f1 / 3;
      weightedRecall += support / n * (tp / support);
      assertEquals(Direct.oneVsRestAuc(labels, probabilities, c), v.get(MetricNames.perClass(MetricNames.AUC, name)),
          2e-3);
    }
    assertEquals(macroF1, v.get(MetricNames.MACRO_F1), 1e-12);
    assertEquals(weightedRecall, v.get(MetricNames.WEIGHTED_RECALL), 1e-12);
    assertEquals(Direct.topK(labels, probabilities, 2), v.get(MetricNames.topKAccuracy(2)), 1e-12);
    assertEquals(Direct.logLoss(labels, probabilities), v.get(MetricNames.CATEGORICAL_CROSSENTROPY), 1e-5);
    String html = Files.readString(last.resolve("evaluation/evaluation.html"));
    assertTrue(html.contains("Confusion matrix") && html.contains("<th>Chinstrap</th>"), "the page shows the matrix");
  }

  @Test
  void regressionIsInferredAndItsMetricsEqualADirectComputation() throws Exception {
    Path model = ForeignModels.regression(shared.resolve("regression"));
    MetricsResult r = evaluate(EvaluatorParameters.forLabel("fare").withConfidenceIntervals(true), othersUri, model);

    List<Double> labels = new ArrayList<>();
    List<Double> predictions = new ArrayList<>();
    for (Example e : others) {
      labels.add((double) EvalData.value(e, "fare"));
      predictions.add((double) (float) ForeignModels.regressionPrediction(EvalData.value(e, "x1"),
          EvalData.value(e, "x2")));
    }
    Map<String, Double> v = r.values();
    assertEquals(Direct.mse(labels, predictions), v.get(MetricNames.MEAN_SQUARED_ERROR), 1e-4);
    assertEquals(Math.sqrt(Direct.mse(labels, predictions)), v.get(MetricNames.ROOT_MEAN_SQUARED_ERROR), 1e-4);
    assertEquals(Direct.mae(labels, predictions), v.get(MetricNames.MEAN_ABSOLUTE_ERROR), 1e-4);
    assertEquals(Direct.mape(labels, predictions), v.get(MetricNames.MEAN_ABSOLUTE_PERCENTAGE_ERROR), 1e-3);
    assertEquals(Direct.rSquared(labels, predictions), v.get(MetricNames.R_SQUARED), 1e-5);
    assertEquals(Direct.mean(labels), v.get(MetricNames.MEAN_LABEL), 1e-4);
    assertEquals(Direct.mean(predictions), v.get(MetricNames.MEAN_PREDICTION), 1e-4);
    assertEquals(Direct.mean(predictions) / Direct.mean(labels), v.get(MetricNames.CALIBRATION), 1e-5);
    double histogramWeight = r.residualHistogram().stream().mapToDouble(MetricsResult.HistogramBucket::weight).sum();
    assertEquals(labels.size(), histogramWeight, 1e-9);
    // The calibration plot: each bucket's mean label and prediction over the examples predicted in it.
    assertFalse(r.calibrationPlot().isEmpty());
    double plotted = 0;
    for (MetricsResult.CalibrationBucket b : r.calibrationPlot()) {
      List<Integer> in = new ArrayList<>();
      for (int i = 0; i < predictions.size(); i++) {
        if (predictions.get(i) >= b.lower() && predictions.get(i) < b.upper()) {
          in.add(i);
        }
      }
      assertEquals(in.size(), b.weight(), 1e-9, "bucket [" + b.lower() + ", " + b.upper() + ")");
      assertEquals(Direct.mean(in.stream().map(labels::get).toList()), b.meanLabel(), 1e-4);
      assertEquals(Direct.mean(in.stream().map(predictions::get).toList()), b.meanPrediction(), 1e-4);
      plotted += b.weight();
    }
    assertEquals(labels.size(), plotted, 1e-9);
    MetricsResult.ConfidenceInterval mse = r.confidenceIntervals().get(MetricNames.MEAN_SQUARED_ERROR);
    assertTrue(mse.lower() < v.get(MetricNames.MEAN_SQUARED_ERROR) && v.get(MetricNames.MEAN_SQUARED_ERROR) < mse.upper(),
        mse.toString());
    String html = Files.readString(last.resolve("evaluation/evaluation.html"));
    assertTrue(html.contains("<h2>Residuals (overall)</h2>") && html.contains("Calibration: mean label by mean prediction"));
  }

  @Test
  void aGivenTaskIsCheckedAgainstTheOutput() throws Exception {
    Path model = ForeignModels.regression(shared.resolve("regression-task"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> evaluate(
        EvaluatorParameters.forLabel("species").withTask(Task.MULTICLASS), othersUri, model));
    assertTrue(e.getMessage().startsWith("Task multiclass needs one probability per class; the model's output"
        + " 'output_0' (1 column(s) per example)"), e.getMessage());
  }
}
