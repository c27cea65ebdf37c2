package io.beamline.examplegen;

import io.beamline.core.component.PropertyNames;

import io.beamline.io.csv.CsvExamples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamline.core.component.ComponentResult;
import io.beamline.io.examples.Examples;
import io.beamline.core.examples.FeatureType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/**
 * The sample's type guess: right, it reads the input once; wrong (a later value is a float or text
 * where the sample saw only integers), it reads it twice and the output is what exact inference
 * over all rows gives.
 */
class TypeGuessTest {
  @TempDir Path tmp;

  private Path csv(String lateValue) throws Exception {
    StringBuilder text = new StringBuilder("id,x,sparse\n");
    for (int i = 0; i < 40; i++) {
      text.append(i).append(',').append(i == 30 ? lateValue : String.valueOf(i * 7)).append(',')
          .append(i == 35 ? "12" : "").append('\n');
    }
    text.append("bad,row\n");
    return Files.writeString(tmp.resolve("in-" + lateValue.hashCode() + ".csv"), text);
  }

  private ComponentResult run(Path input, int sampleRows, String name) {
    return ExampleGen.from(input.toString()).withMaxRejectFraction(0.1)
        .withTypeSampleRows(sampleRows).run(tmp.resolve(name).toString());
  }

  private List<String> examples(String name) {
    List<String> out = new ArrayList<>();
    for (String split : List.of("train", "eval")) {
      for (Example e : Examples.readAll(tmp.resolve(name).resolve("examples").toString(), split)) {
        out.add(split + " " + e.getFeatures().getFeatureMap());
      }
    }
    out.sort(null);
    return out;
  }

  private static Map<String, Object> types(ComponentResult r) {
    return r.output(ExampleGen.EXAMPLES).properties().getMap("feature_types");
  }

  private static long passes(ComponentResult r) {
    return r.output(ExampleGen.REJECTS).properties().getLong(PropertyNames.READ_PASSES);
  }

  @Test
  void aSampleThatSeesEveryRowReadsOnce() throws Exception {
    ComponentResult r = run(csv("2.5"), 1000, "all");
    assertEquals(1, passes(r));
    assertEquals(Map.of("id", "INT", "x", "FLOAT", "sparse", "INT"), types(r));
  }

  @Test
  void aLaterFloatWidensTheGuessedIntColumnOnASecondPass() throws Exception {
    Path in = csv("2.5");
    ComponentResult guessed = run(in, 5, "guessed");
    ComponentResult exact = run(in, 1000, "exact");
    assertEquals(2, passes(guessed));
    assertEquals(types(exact), types(guessed));
    assertEquals("FLOAT", types(guessed).get("x"));
    assertEquals(examples("exact"), examples("guessed"));
    assertEquals(40, examples("guessed").size());
    assertEquals(1L, guessed.output(ExampleGen.REJECTS).properties().getLong("reject_count"));
    List<String> rejects = Files.readAllLines(tmp.resolve("guessed/rejects/rejects.jsonl"));
    assertEquals(1, rejects.size(), "the first attempt's rejects are gone");
  }

  @Test
  void aLaterTextValueMakesTheGuessedIntColumnBytes() throws Exception {
    Path in = csv("n/a");
    ComponentResult guessed = run(in, 5, "guessed");
    ComponentResult exact = run(in, 1000, "exact");
    assertEquals(2, passes(guessed));
    assertEquals("BYTES", types(guessed).get("x"));
    assertEquals(types(exact), types(guessed));
    assertEquals(examples("exact"), examples("guessed"));
  }

  @Test
  void aColumnEmptyInTheSampleIsGuessedBytesAndCorrected() throws Exception {
    Map<String, FeatureType> guess = CsvExamples.read(csv("1").toString()).withSampleRows(5).resolve()
        .featureTypesUsed();
    assertEquals(Map.of("id", FeatureType.INT, "x", FeatureType.INT, "sparse", FeatureType.BYTES), guess);
    ComponentResult r = run(csv("1"), 5, "sparse");
    assertEquals(2, passes(r));
    assertEquals("INT", types(r).get("sparse"));
  }
}
