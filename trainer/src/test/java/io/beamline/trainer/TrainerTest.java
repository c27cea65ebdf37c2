package io.beamline.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.Json;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.io.examples.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.proto.Example;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

class TrainerTest {
  @TempDir Path dir;

  @Test
  void linearModelOnTaxiBeatsPaymentTypeBaselineAndServesWhatItTrained() throws Exception {
    Taxi taxi = Taxi.get();
    TrainerParameters p = Taxi.parameters();
    ComponentResult r = Trainer.run(taxi.examples, taxi.schema, taxi.statistics, p, dir.toString());
    ResolvedArtifact model = r.output(Trainer.MODEL);
    ResolvedArtifact run = r.output(Trainer.MODEL_RUN);

    List<Example> eval = Examples.readAll(taxi.examples, "eval");
    float[] served = serve(Path.of(model.uri(), Trainer.FORMAT_SERVING), eval);
    float[] labels = new float[eval.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = eval.get(i).getFeatures().getFeatureMap().get(Taxi.LABEL).getInt64List().getValue(0);
    }
    double auc = RankAuc.of(served, labels);
    assertTrue(auc >= 0.93, "eval AUC " + auc);
    assertEquals(auc, model.properties().getDouble("eval_auc"), 1e-6);
    assertEquals("auc", model.properties().getString("eval_metric"));
    assertEquals(auc, model.properties().getDouble("eval_score"), 1e-6);
    assertEquals("linear", model.properties().getString("model_type"));
    assertEquals(4, model.properties().getLong("epochs_run"));
    assertEquals(List.of("company", "dropoff_census_tract", "dropoff_community_area", "dropoff_latitude",
        "dropoff_longitude", "fare", "payment_type", "pickup_census_tract", "pickup_community_area",
        "pickup_latitude", "pickup_longitude", "trip_miles", "trip_seconds", "trip_start_day", "trip_start_hour",
        "trip_start_month", "trip_start_timestamp"), model.properties().getStringList("features"));

    // The ModelRun: per-epoch numbers as JSON and TensorBoard event files for both curves.
    JsonNode metrics = Json.tree(Files.readString(Path.of(run.uri(), Trainer.METRICS_FILE)));
    assertEquals(4, metrics.get("epochs").size());
    JsonNode last = metrics.get("epochs").get(3);
    assertEquals(model.properties().getDouble("eval_loss"), last.get("eval_loss").asDouble());
    assertTrue(last.get("train_loss").asDouble() < metrics.get("epochs").get(0).get("train_loss").asDouble());
    for (String curve : List.of("train", "eval")) {
      try (Stream<Path> files = Files.list(Path.of(run.uri(), "logs", curve))) {
        List<Path> events = files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents")).toList();
        assertEquals(1, events.size(), curve);
        assertTrue(Files.size(events.get(0)) > 100, curve + " event file holds the scalars");
      }
    }

    // A model of payment_type alone (cash riders rarely tip on the card record) is the bar to clear.
    ResolvedArtifact baseline = Trainer.run(taxi.examples, taxi.schema, taxi.statistics,
        p.withFeatures(List.of("payment_type")), dir.resolve("baseline").toString()).output(Trainer.MODEL);
    double baselineAuc = RankAuc.of(serve(Path.of(baseline.uri(), Trainer.FORMAT_SERVING), eval), labels);
    assertTrue(auc > baselineAuc + 0.005, "model " + auc + " vs payment_type only " + baselineAuc);
  }

  @Test
  void earlyStoppingExportsTheBestEpoch() {
    Taxi taxi = Taxi.get();
    // A learning rate far too high makes the eval loss bounce, so patience 1 stops early.
    TrainerParameters p = Taxi.parameters().withOptimizer(OptimizerType.SGD, 50).withEpochs(6).withPatience(1);
    ResolvedArtifact run = Trainer.run(taxi.examples, taxi.schema, taxi.statistics, p, dir.toString())
        .output(Trainer.MODEL_RUN);
    long epochs = run.properties().getLong("epochs_run");
    long best = run.properties().getLong("best_epoch");
    assertTrue(run.properties().getBoolean("stopped_early"), run.properties().toString());
    assertEquals(best + 1, epochs);
  }

  /** Probabilities of the exported model for the examples, fed as serialized tf.Example strings. */
  static float[] serve(Path savedModel, List<Example> examples) {
    try (SavedModelBundle bundle = SavedModelBundle.load(savedModel.toString(), "serve")) {
      byte[][] bytes = new byte[examples.size()][];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = examples.get(i).toByteArray();
      }
      try (TString in = TString.tensorOfBytes(NdArrays.vectorOfObjects(bytes));
          Result out = bundle.call(Map.of("examples", in))) {
        TFloat32 prob = (TFloat32) out.get("probability").orElseThrow();
        assertEquals(2, prob.shape().numDimensions());
        float[] p = new float[bytes.length];
        for (int i = 0; i < p.length; i++) {
          p[i] = prob.getFloat(i, 0);
        }
        return p;
      }
    }
  }
}
