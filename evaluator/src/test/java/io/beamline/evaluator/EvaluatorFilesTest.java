package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.Examples;
import io.beamline.io.examples.ExamplesIO;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.io.examples.TFRecords;
import io.beamline.evaluator.metrics.MetricNames;
import io.beamline.evaluator.metrics.MetricsResult;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/** The fused read-and-score path: splits of several files, both formats, corrupt and unlabelled records. */
class EvaluatorFilesTest {
  @TempDir static Path shared;
  static List<Example> examples;
  static Path good;
  @TempDir Path out;

  @BeforeAll
  static void fixtures() throws Exception {
    examples = new ArrayList<>();
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 1500; i++) {
      float x1 = (float) random.nextGaussian();
      float x2 = (float) random.nextGaussian();
      long label = random.nextDouble() < TestModels.goodProbability(x1, x2) ? 1 : 0;
      examples.add(EvalData.example(x1, x2, label, random.nextInt(4), random.nextBoolean() ? "a" : "<b>",
          1 + random.nextInt(2)));
    }
    good = TestModels.good(shared.resolve("good"));
  }

  private EvaluationReport evaluate(Path examplesUri, EvaluatorParameters config, String name) throws Exception {
    ComponentRun.of(new Evaluator())
        .withParameters(config)
        .withInput(Evaluator.EXAMPLES, ResolvedArtifact.at(ArtifactType.EXAMPLES, examplesUri.toString()))
        .withInput(Evaluator.MODEL, ResolvedArtifact.at(ArtifactType.MODEL, good.toString()))
        .withOutput(Evaluator.EVALUATION, out.resolve(name + "/evaluation").toString())
        .withOutput(Evaluator.BLESSING, out.resolve(name + "/blessing").toString())
        .run();
    return Json.read(Files.readString(out.resolve(name + "/evaluation/metrics.json")), EvaluationReport.class);
  }

  @Test
  void aSplitOfManyFilesInEitherFormatGivesTheMetricsOfOneFile() throws Exception {
    Path one = shared.resolve("tfrecord-1");
    Path four = shared.resolve("tfrecord-4");
    Path parquet = shared.resolve("parquet-3");
    EvalData.writeShards(examples, one, ExamplesLayout.FORMAT_TFRECORD, 1);
    EvalData.writeShards(examples, four, ExamplesLayout.FORMAT_TFRECORD, 4);
    EvalData.writeShards(examples, parquet, ExamplesLayout.FORMAT_PARQUET, 3);
    assertEquals(1, Examples.payloadFileUris(one.toString(), "eval").size());
    assertEquals(4, Examples.payloadFileUris(four.toString(), "eval").size());
    assertEquals(3, Examples.payloadFileUris(parquet.toString(), "eval").size());
    assertTrue(Examples.payloadFileUris(four.toString(), "eval").get(0).endsWith(".gz"), "gzip'd TFRecords");

    // A batch smaller than a file, so files end with a partial batch.
    EvaluatorParameters config = EvaluatorParameters.forLabel("label").withWeightKey("weight").withBatchSize(128)
        .withSlicing(SlicingSpec.byFeatures("hour"), SlicingSpec.byValue("kind", "a"))
        .withConfidenceIntervals(true);
    EvaluationReport single = evaluate(one, config, "one");
    EvaluationReport many = evaluate(four, config, "four");
    EvaluationReport columnar = evaluate(parquet, config, "parquet");

    assertEquals(1500L, single.overall().candidate().exampleCount());
    double totalWeight = examples.stream().mapToDouble(e -> EvalData.value(e, "weight")).sum();
    assertEquals(totalWeight, single.overall().candidate().values().get(MetricNames.WEIGHTED_EXAMPLE_COUNT), 1e-9);
    long kindA = examples.stream().filter(e -> EvalData.kind(e).equals("a")).count();
    assertEquals(kindA, single.slice("kind=a").candidate().exampleCount());
    assertEquals(6, single.slices().size(), "Overall, hour=0..3, kind=a");
    for (EvaluationReport other : List.of(many, columnar)) {
      assertEquals(names(single), names(other));
      for (EvaluationReport.SliceMetrics s : single.slices()) {
        assertSamePoints(s.slice(), s.candidate(), other.slice(s.slice()).candidate());
      }
    }
    // Bootstrap draws are seeded per file from its name: the same data and files give the same intervals.
    EvaluationReport again = evaluate(four, config, "four-again");
    assertFalse(many.overall().candidate().confidenceIntervals().isEmpty());
    for (String slice : List.of("Overall", "hour=2")) {
      assertSameIntervals(slice, many.slice(slice).candidate(), again.slice(slice).candidate());
    }
  }

  /** Equal up to the order the partials were merged in (the GroupByKey's), which moves the last bits of sums. */
  private static void assertSameIntervals(String slice, MetricsResult expected, MetricsResult actual) {
    assertEquals(expected.confidenceIntervals().keySet(), actual.confidenceIntervals().keySet(), slice);
    expected.confidenceIntervals().forEach((metric, ci) -> {
      MetricsResult.ConfidenceInterval other = actual.confidenceIntervals().get(metric);
      String what = slice + " " + metric;
      assertEquals(ci.lower(), other.lower(), 1e-12 * Math.max(1, Math.abs(ci.lower())), what);
      assertEquals(ci.upper(), other.upper(), 1e-12 * Math.max(1, Math.abs(ci.upper())), what);
      assertEquals(ci.standardError(), other.standardError(), 1e-12 * Math.max(1, ci.standardError()), what);
    });
  }

  private static List<String> names(EvaluationReport r) {
    return r.slices().stream().map(EvaluationReport.SliceMetrics::slice).toList();
  }

  /**
   * Every point metric, curve and matrix agrees; counts exactly. Others within 1e-6: the model's
   * float32 output for an example can differ in the last bit with the size of the batch it is in
   * (vectorized kernels), and the files cut the batches differently.
   */
  private static void assertSamePoints(String slice, MetricsResult expected, MetricsResult actual) {
    assertEquals(expected.values().keySet(), actual.values().keySet(), slice);
    assertEquals(expected.exampleCount(), actual.exampleCount(), slice);
    assertEquals(expected.values().get(MetricNames.WEIGHTED_EXAMPLE_COUNT),
        actual.values().get(MetricNames.WEIGHTED_EXAMPLE_COUNT), slice);
    expected.values().forEach((metric, v) -> assertEquals(v, actual.values().get(metric), 1e-6, slice + " " + metric));
    assertEquals(expected.confusionMatrices().size(), actual.confusionMatrices().size());
    for (int i = 0; i < expected.confusionMatrices().size(); i++) {
      assertEquals(expected.confusionMatrices().get(i).tp(), actual.confusionMatrices().get(i).tp(), 1e-6, slice);
      assertEquals(expected.confusionMatrices().get(i).fn(), actual.confusionMatrices().get(i).fn(), 1e-6, slice);
    }
    assertEquals(expected.roc().size(), actual.roc().size());
    for (int i = 0; i < expected.roc().size(); i++) {
      assertEquals(expected.roc().get(i).y(), actual.roc().get(i).y(), 1e-6, slice + " roc " + i);
    }
    assertEquals(expected.calibrationPlot().size(), actual.calibrationPlot().size(), slice);
  }

  @Test
  void aCorruptRecordOrAMissingLabelNamesTheFileAndRecord() throws Exception {
    Path corrupt = shared.resolve("corrupt");
    Path split = Files.createDirectories(Path.of(ExamplesLayout.splitDir(corrupt.toString(), "eval")));
    writeRecords(split.resolve("data_tfrecord-00000-of-00002.gz"), examples.subList(0, 20), -1);
    writeRecords(split.resolve("data_tfrecord-00001-of-00002.gz"), examples.subList(20, 40), 7);
    InvalidInputException checksum = assertThrows(InvalidInputException.class,
        () -> evaluate(corrupt, EvaluatorParameters.forLabel("label"), "corrupt"));
    assertTrue(checksum.getMessage().startsWith("Corrupt TFRecord file "), checksum.getMessage());
    assertTrue(checksum.getMessage().contains("data_tfrecord-00001-of-00002.gz, record 7: data checksum mismatch"),
        checksum.getMessage());

    Path unlabelled = shared.resolve("unlabelled");
    split = Files.createDirectories(Path.of(ExamplesLayout.splitDir(unlabelled.toString(), "eval")));
    List<Example> some = new ArrayList<>(examples.subList(0, 10));
    Example third = some.get(3);
    some.set(3, third.toBuilder().setFeatures(third.getFeatures().toBuilder().removeFeature("label")).build());
    writeRecords(split.resolve("data_tfrecord-00000-of-00001.gz"), some, -1);
    InvalidInputException label = assertThrows(InvalidInputException.class,
        () -> evaluate(unlabelled, EvaluatorParameters.forLabel("label"), "unlabelled"));
    assertTrue(label.getMessage().startsWith("Label feature 'label' is missing from an example in split 'eval' of "),
        label.getMessage());
    assertTrue(label.getMessage().endsWith("(record 3 of file " + split.resolve("data_tfrecord-00000-of-00001.gz")
        + ")"), label.getMessage());
    assertFalse(Files.exists(out.resolve("unlabelled/evaluation")));
  }

  @Test
  void anEmptySplitIsAnErrorNotAnEmptyEvaluation() {
    Path empty = shared.resolve("empty");
    Pipeline p = Pipeline.create(BeamRuns.options(List.of()));
    p.apply(Create.empty(ExampleCoder.of())).apply(ExamplesIO.write(empty.toString(), "eval"));
    BeamRuns.runToCompletion(p);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> evaluate(empty, EvaluatorParameters.forLabel("label"), "empty"));
    assertTrue(e.getMessage().startsWith("There are no examples to evaluate in split 'eval' of "), e.getMessage());
  }

  /** Gzip'd TFRecords written by hand; the record at {@code corruptAt} (if >= 0) gets a flipped payload byte. */
  private static void writeRecords(Path file, List<Example> records, int corruptAt) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < records.size(); i++) {
      byte[] record = ExampleCoder.serialize(records.get(i));
      if (i == corruptAt) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        TFRecords.write(framed, record);
        byte[] f = framed.toByteArray();
        f[12 + record.length / 2] ^= 0x01;  // inside the payload: the data checksum no longer matches
        bytes.write(f);
      } else {
        TFRecords.write(bytes, record);
      }
    }
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
      gz.write(bytes.toByteArray());
    }
  }
}
