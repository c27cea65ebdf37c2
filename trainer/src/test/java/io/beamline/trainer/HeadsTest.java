package io.beamline.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.examplegen.ExampleGen;
import io.beamline.io.examples.Examples;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaText;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * The softmax and regression heads end to end: the penguins (species, 3 classes) from the CSV
 * through ExampleGen, StatisticsGen and SchemaGen, and the taxi fares; the exported models are served
 * from serialized tf.Examples (preprocessing in the graph) and checked against the eval labels.
 */
class HeadsTest {
  @TempDir Path dir;

  private static TFloat32 serve(Path savedModel, List<Example> examples, String output, SavedModelBundle[] keep) {
    SavedModelBundle bundle = SavedModelBundle.load(savedModel.toString(), "serve");
    keep[0] = bundle;
    byte[][] bytes = new byte[examples.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = examples.get(i).toByteArray();
    }
    try (TString in = TString.tensorOfBytes(NdArrays.vectorOfObjects(bytes))) {
      Result out = bundle.call(Map.of("examples", in));
      return (TFloat32) out.get(output).orElseThrow();
    }
  }

  private static double number(Example e, String feature) {
    Feature f = e.getFeatures().getFeatureMap().get(feature);
    return f.hasInt64List() ? f.getInt64List().getValue(0) : f.getFloatList().getValue(0);
  }

  @Test
  void penguinSpeciesWithASoftmaxHead() throws Exception {
    Path csv = Paths.get("..", "examples", "data", "penguin", "labelled.csv").toAbsolutePath().normalize();
    String examples = ExampleGen.from(csv.toString()).run(dir.resolve("gen").toString())
        .output(ExampleGen.EXAMPLES).uri();
    String stats = StatisticsGen.run(examples, ArtifactUris.child(dir.toString(), "stats"))
        .output(StatisticsGen.STATISTICS).uri();
    String schema = SchemaGen.run(stats, ArtifactUris.child(dir.toString(), "schema")).output(SchemaGen.SCHEMA).uri();
    TrainerParameters p = TrainerParameters.forLabel("species").withHead(Head.MULTICLASS).withBatchSize(32)
        .withEpochs(15).withOptimizer(OptimizerType.ADAM, 0.05);
    ResolvedArtifact model = Trainer.run(examples, schema, stats, p, dir.resolve("train").toString())
        .output(Trainer.MODEL);

    List<Example> eval = Examples.readAll(examples, "eval");
    SavedModelBundle[] bundle = new SavedModelBundle[1];
    try (TFloat32 probabilities = serve(Path.of(model.uri(), Trainer.FORMAT_SERVING), eval, "probabilities", bundle)) {
      assertEquals(3, probabilities.shape().size(1), "one probability per species");
      int correct = 0;
      for (int i = 0; i < eval.size(); i++) {
        int best = 0;
        float sum = 0;
        for (int c = 0; c < 3; c++) {
          sum += probabilities.getFloat(i, c);
          best = probabilities.getFloat(i, c) > probabilities.getFloat(i, best) ? c : best;
        }
        assertEquals(1f, sum, 1e-4f);
        correct += best == (int) number(eval.get(i), "species") ? 1 : 0;
      }
      double accuracy = (double) correct / eval.size();
      assertTrue(accuracy >= 0.9, "eval accuracy " + accuracy);
      assertEquals("accuracy", model.properties().getString("eval_metric"));
      assertEquals(accuracy, model.properties().getDouble("eval_score"), 1.5 / eval.size()); // served vs trained graph: at most one tie apart
      assertFalse(model.properties().has("eval_auc"), "no AUC for a multiclass head");
    } finally {
      bundle[0].close();
    }
  }

  /**
   * A string label's classes are the schema's domain of it (the train values, here): an eval example
   * of another class ('Pcard', 2 of the taxi eval split's examples) fails naming it, and nothing is
   * published. (The penguin species by name train and evaluate end to end in the CLI's tests.)
   */
  @Test
  void aStringLabelOutsideItsClassesFailsNamingTheExample() throws Exception {
    Taxi taxi = Taxi.get();
    Schema schema = SchemaText.readArtifact(taxi.schema);
    List<String> domain = schema.stringDomainOf(schema.requireFeature("payment_type")).orElseThrow().values();
    TrainerParameters p = TrainerParameters.forLabel("payment_type").withHead(Head.MULTICLASS)
        .withExclude(List.of("tips", "big_tipper")).withBatchSize(512).withEpochs(1);
    Path out = dir.resolve("out");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Trainer.run(taxi.examples, taxi.schema, taxi.statistics, p, out.toString()));
    assertTrue(e.getMessage().matches("Example \\d+ of split 'eval': label 'payment_type' is 'Pcard'; expected one"
        + " of the classes \\[Cash, Credit Card, Dispute, No Charge, Prcard, Unknown\\]"), e.getMessage());
    assertEquals(new java.util.TreeSet<>(domain).stream().toList(),
        List.of("Cash", "Credit Card", "Dispute", "No Charge", "Prcard", "Unknown"), "the schema's domain, sorted");
    assertFalse(java.nio.file.Files.exists(out.resolve(Trainer.MODEL)));
  }

  @Test
  void taxiFareWithARegressionHeadBeatsTheMean() throws Exception {
    Taxi taxi = Taxi.get();
    TrainerParameters p = TrainerParameters.forLabel("fare").withHead(Head.REGRESSION)
        .withExclude(List.of("tips", "big_tipper")).withBatchSize(512).withEpochs(4)
        .withOptimizer(OptimizerType.ADAM, 0.1);
    ResolvedArtifact model = Trainer.run(taxi.examples, taxi.schema, taxi.statistics, p, dir.toString())
        .output(Trainer.MODEL);

    List<Example> eval = Examples.readAll(taxi.examples, "eval");
    double mean = eval.stream().mapToDouble(e -> number(e, "fare")).average().orElseThrow();
    double variance = eval.stream().mapToDouble(e -> Math.pow(number(e, "fare") - mean, 2)).average().orElseThrow();
    SavedModelBundle[] bundle = new SavedModelBundle[1];
    try (TFloat32 predictions = serve(Path.of(model.uri(), Trainer.FORMAT_SERVING), eval, "prediction", bundle)) {
      double mse = 0;
      for (int i = 0; i < eval.size(); i++) {
        mse += Math.pow(number(eval.get(i), "fare") - predictions.getFloat(i, 0), 2) / eval.size();
      }
      assertTrue(mse < 0.5 * variance, "eval MSE " + mse + " against the label variance " + variance);
      assertEquals(mse, model.properties().getDouble("eval_loss"), 1e-3 * mse);
      assertEquals("rmse", model.properties().getString("eval_metric"));
      assertEquals(Math.sqrt(mse), model.properties().getDouble("eval_score"), 1e-3 * Math.sqrt(mse));
    } finally {
      bundle[0].close();
    }
  }
}
