package io.beamline.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.Json;
import io.beamline.core.component.ComponentResult;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.ExampleBatch;
import io.beamline.io.examples.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * The exported SavedModel, fed raw serialized examples, gives exactly the probabilities the training
 * graph computes from Arrow columns; and it copes with what serving data brings (unknown strings,
 * missing values). A DNN with a bucketized feature exercises every preprocessing path.
 */
class TrainServeEqualityTest {
  @TempDir static Path dir;
  static TrainerParameters parameters;
  static ComponentResult result;

  @BeforeAll
  static void train() {
    Taxi taxi = Taxi.get();
    parameters = Taxi.parameters().withDnn(List.of(16, 8)).withEpochs(3).withBucketize(List.of("trip_start_hour"));
    result = Trainer.run(taxi.examples, taxi.schema, taxi.statistics, parameters, dir.toString());
  }

  @Test
  void savedModelGivesExactlyTheTrainingGraphsProbabilities() throws Exception {
    Taxi taxi = Taxi.get();
    Path run = Path.of(result.output(Trainer.MODEL_RUN).uri());
    FeaturePlan plan = Json.read(Files.readString(run.resolve(TrainingRun.PREPROCESSING_FILE)), FeaturePlan.class);
    int best = (int) result.output(Trainer.MODEL).properties().getLong("best_epoch");
    TrainingRun.Evaluation trained;
    try (ModelGraph g = ModelGraph.build(plan, parameters)) {
      g.session.restore(CheckpointState.variables(run.resolve("checkpoints"), best).toString());
      trained = new TrainingRun(taxi.examples, plan, parameters, run.resolve("checkpoints")).evaluate(g, "eval");
    }

    // Same batches as the trainer's evaluation, now as serialized tf.Example through the signature.
    List<Float> served = new ArrayList<>();
    try (CloseableIterator<ExampleBatch> batches = Examples.batches(taxi.examples, "eval", parameters.batchSize())) {
      while (batches.hasNext()) {
        for (float p : TrainerTest.serve(servingDir(), batches.next().toExamples())) {
          served.add(p);
        }
      }
    }
    assertEquals(trained.probabilities().length, served.size());
    for (int i = 0; i < served.size(); i++) {
      assertEquals(trained.probabilities()[i], served.get(i), "example " + i);
    }
    assertTrue(RankAuc.of(trained.probabilities(), trained.labels()) > 0.9);
  }

  @Test
  void unknownCategoryAndMissingNumbersGiveFiniteProbabilities() {
    Example known = Examples.readAll(Taxi.get().examples, "eval").get(0);
    Example unknown = withPayment(known, "Bitcoin");
    Example otherUnknown = withPayment(known, "Seashells");
    Example noFare = known.toBuilder().setFeatures(known.getFeatures().toBuilder()
        .removeFeature("fare").removeFeature("trip_miles")).build();
    Example empty = Example.getDefaultInstance();
    float[] p = TrainerTest.serve(servingDir(), List.of(known, unknown, otherUnknown, noFare, empty));
    for (float v : p) {
      assertTrue(Float.isFinite(v) && v >= 0 && v <= 1, "probability " + v);
    }
    // Both unseen values land in the same OOV column, so the model cannot tell them apart.
    assertEquals(p[1], p[2]);
    assertNotEquals(p[0], p[1]);
    assertNotEquals(p[0], p[3]);
  }

  @Test
  void theFirstValueOfAListCountsAndAnEmptyListIsMissing() {
    Example known = Examples.readAll(Taxi.get().examples, "eval").get(0);
    float fare = known.getFeatures().getFeatureOrThrow("fare").getFloatList().getValue(0);
    Example twoFares = with(known, "fare", Feature.newBuilder().setFloatList(
        org.tensorflow.proto.FloatList.newBuilder().addValue(fare).addValue(fare + 1000f)).build());
    Example twoPayments = with(known, "payment_type", Feature.newBuilder().setBytesList(BytesList.newBuilder()
        .addValue(known.getFeatures().getFeatureOrThrow("payment_type").getBytesList().getValue(0))
        .addValue(com.google.protobuf.ByteString.copyFromUtf8("Bitcoin"))).build());
    Example emptyFare = with(known, "fare", Feature.newBuilder().setFloatList(
        org.tensorflow.proto.FloatList.getDefaultInstance()).build());
    Example noFare = known.toBuilder().setFeatures(known.getFeatures().toBuilder().removeFeature("fare")).build();
    // In one batch, and with the rows' values interleaved, so a row must not read its neighbour's.
    float[] p = TrainerTest.serve(servingDir(), List.of(known, twoFares, emptyFare, twoPayments, noFare, known));
    assertEquals(p[0], p[1]);
    assertEquals(p[0], p[3]);
    assertEquals(p[4], p[2]);
    assertEquals(p[0], p[5]);
    assertNotEquals(p[0], p[2]);
  }

  private static Example with(Example e, String name, Feature value) {
    return e.toBuilder().setFeatures(e.getFeatures().toBuilder().putFeature(name, value)).build();
  }

  private static Example withPayment(Example e, String value) {
    return e.toBuilder().setFeatures(e.getFeatures().toBuilder().putFeature("payment_type",
        Feature.newBuilder().setBytesList(BytesList.newBuilder()
            .addValue(com.google.protobuf.ByteString.copyFromUtf8(value))).build())).build();
  }

  private static Path servingDir() {
    return Path.of(result.output(Trainer.MODEL).uri(), Trainer.FORMAT_SERVING);
  }
}
