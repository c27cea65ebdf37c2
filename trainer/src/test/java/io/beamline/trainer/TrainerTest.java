package io.beamline.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.examples.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    assertEquals("linear", model.properties().getString("model_type"));
    assertEquals(4, model.properties().getLong("epochs_run"));
    assertTrue(Files.exists(Path.of(run.uri(), Trainer.METRICS_FILE)));
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
