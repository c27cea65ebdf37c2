package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.StatisticsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component subcommands chained on plain directories, no store involved. */
class ComponentCommandsTest {
  @TempDir Path tmp;

  @Test
  void examplegenThenStatsOnPlainDirectories() throws Exception {
    Path csv = tmp.resolve("people.csv");
    Files.writeString(csv, "name,age,height\nann,31,1.70\nbob,,1.82\n\"c, d\",45,\n");
    Path out = tmp.resolve("gen");
    CliRunner.Result gen = CliRunner.run("examplegen", "--input", csv.toString(), "--output", out.toString(),
        "--split", "all:1", "--parallelism=1");
    assertEquals(0, gen.code(), gen.err());
    assertTrue(gen.out().contains("  all      3 examples"), gen.out());
    assertTrue(gen.out().contains("3 features: {BYTES=1, FLOAT=1, INT=1}"), gen.out());
    assertTrue(gen.out().contains("Rejects:    0 rejected rows"), gen.out());

    Path stats = tmp.resolve("stats");
    CliRunner.Result st = CliRunner.run("stats", "--examples", out.resolve("examples").toString(),
        "--output", stats.toString());
    assertEquals(0, st.code(), st.err());
    DatasetFeatureStatisticsList all = StatisticsJson.readSplit(stats.toString(), "all");
    var age = all.whole().requireFeature("age");
    assertEquals(2, age.commonStats().numNonMissing());
    assertEquals(1, age.commonStats().numMissing());
    assertEquals(38.0, age.numStats().mean(), 1e-12);
  }

  @Test
  void penguinSpeciesTrainAndEvaluateAsThreeClasses() throws Exception {
    String csv = java.nio.file.Paths.get("..", "examples", "data", "penguin", "labelled.csv").toAbsolutePath()
        .normalize().toString();
    com.fasterxml.jackson.databind.JsonNode overall = trainAndEvaluateSpecies(csv);
    assertEquals("[\"0\",\"1\",\"2\"]", overall.get("class_confusion").get("classes").toString());
  }

  /** The species as names: the Trainer finds the classes, the Model carries them, the Evaluator reads them. */
  @Test
  void penguinSpeciesByNameTrainAndEvaluate() throws Exception {
    List<String> lines = Files.readAllLines(java.nio.file.Paths.get("..", "examples", "data", "penguin",
        "labelled.csv"));
    List<String> names = List.of("Adelie", "Chinstrap", "Gentoo");
    StringBuilder named = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      int comma = line.indexOf(',');
      named.append(names.get(Integer.parseInt(line.substring(0, comma)))).append(line.substring(comma)).append('\n');
    }
    java.nio.file.Path csv = Files.writeString(tmp.resolve("penguins_named.csv"), named);
    com.fasterxml.jackson.databind.JsonNode overall = trainAndEvaluateSpecies(csv.toString());
    assertEquals("[\"Adelie\",\"Chinstrap\",\"Gentoo\"]", overall.get("class_confusion").get("classes").toString());
    com.fasterxml.jackson.databind.JsonNode run = io.beamline.core.Json.tree(
        Files.readString(tmp.resolve("tr/model_run/metrics.json")));
    assertEquals("accuracy", run.get("eval_metric").asText());
  }

  /** Issue 18's regression end to end: taxi fares trained with a regression head and evaluated as one. */
  @Test
  void taxiFareTrainAndEvaluateAsARegression() throws Exception {
    String csv = java.nio.file.Paths.get("..", "examples", "data", "taxi", "data.csv").toAbsolutePath()
        .normalize().toString();
    com.fasterxml.jackson.databind.JsonNode report = trainAndEvaluate(csv,
        List.of("--label", "fare", "--head", "regression", "--exclude", "tips", "--epochs", "4", "--batch-size",
            "512", "--learning-rate", "0.1"),
        List.of("--label", "fare"));
    assertEquals("regression", report.get("config").get("task").asText(), "inferred from the fares");
    com.fasterxml.jackson.databind.JsonNode values = report.get("slices").get(0).get("candidate").get("values");
    assertTrue(values.get("r_squared").asDouble() > 0.5, values.toString());
    // The Trainer's RMSE on the eval split at its best epoch is the Evaluator's, up to float32 batching.
    com.fasterxml.jackson.databind.JsonNode run = io.beamline.core.Json.tree(
        Files.readString(tmp.resolve("tr/model_run/metrics.json")));
    assertEquals("rmse", run.get("eval_metric").asText());
    double trainerRmse = run.get("epochs").get(run.get("best_epoch").asInt() - 1).get("eval_score").asDouble();
    double rmse = values.get("root_mean_squared_error").asDouble();
    assertEquals(trainerRmse, rmse, 1e-3 * rmse);
  }

  private com.fasterxml.jackson.databind.JsonNode trainAndEvaluateSpecies(String csv) throws Exception {
    com.fasterxml.jackson.databind.JsonNode report = trainAndEvaluate(csv,
        List.of("--label", "species", "--head", "multiclass", "--epochs", "15", "--batch-size", "32",
            "--learning-rate", "0.05"),
        List.of("--label", "species", "--confidence-intervals"));
    assertEquals("multiclass", report.get("config").get("task").asText(), "inferred from the 3 output columns");
    com.fasterxml.jackson.databind.JsonNode overall = report.get("slices").get(0).get("candidate");
    assertTrue(overall.get("values").get("accuracy").asDouble() >= 0.9, overall.get("values").toString());
    assertEquals(3, overall.get("class_confusion").get("classes").size());
    assertTrue(overall.get("confidence_intervals").has("macro_f1"));
    return overall;
  }

  /**
   * examplegen, stats, schema, train and evaluate on a CSV as a user runs them, under tmp (ex, st,
   * sc, tr, ev); each must exit 0. Returns the evaluation's metrics.json.
   */
  private com.fasterxml.jackson.databind.JsonNode trainAndEvaluate(String csv, List<String> trainArgs,
      List<String> evaluateArgs) throws Exception {
    String ex = tmp.resolve("ex").toString();
    String st = tmp.resolve("st").toString();
    String sc = tmp.resolve("sc").toString();
    String tr = tmp.resolve("tr").toString();
    String ev = tmp.resolve("ev").toString();
    List<String> train = new java.util.ArrayList<>(List.of("train", "--examples", ex, "--schema", sc, "--stats", st,
        "--output", tr));
    train.addAll(trainArgs);
    List<String> evaluate = new java.util.ArrayList<>(List.of("evaluate", "--examples", ex, "--model", tr,
        "--output", ev));
    evaluate.addAll(evaluateArgs);
    for (List<String> command : List.of(List.of("examplegen", "--input", csv, "--output", ex),
        List.of("stats", "--examples", ex, "--output", st), List.of("schema", "--stats", st, "--output", sc),
        train, evaluate)) {
      CliRunner.Result r = CliRunner.run(command.toArray(String[]::new));
      assertEquals(0, r.code(), String.join(" ", command) + ": " + r.err());
    }
    return io.beamline.core.Json.tree(Files.readString(tmp.resolve("ev/evaluation/metrics.json")));
  }

  @Test
  void evaluateNamesTheAllowedTasksAndTransforms() {
    CliRunner.Result task = CliRunner.run("evaluate", "--examples", "ex", "--model", "m", "--task", "ranking",
        "--output", tmp.resolve("ev").toString());
    assertTrue(task.err().contains("Unknown task 'ranking': expected one of [binary, multiclass, regression]"),
        task.err());
    CliRunner.Result transform = CliRunner.run("evaluate", "--examples", "ex", "--model", "m", "--output-transform",
        "tanh", "--output", tmp.resolve("ev").toString());
    assertTrue(transform.err().contains("Unknown output_transform 'tanh': expected one of [none, sigmoid, softmax]"),
        transform.err());
    assertTrue(Files.notExists(tmp.resolve("ev")));
  }

  @Test
  void badInputIsOneClearLineAndExitCodeOne() throws Exception {
    Path csv = tmp.resolve("bad.csv");
    Files.writeString(csv, "a,b\n1,2\n3\n");
    CliRunner.Result r = CliRunner.run("examplegen", "--input", csv.toString(), "--output", tmp.resolve("o").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("beamline examplegen: 1 of 2 input rows were rejected"), r.err());
    assertTrue(Files.notExists(tmp.resolve("o/examples")));
  }

  @Test
  void schemaThenValidateWithAFailingGate() throws Exception {
    Path trainCsv = tmp.resolve("train.csv");
    Files.writeString(trainCsv, "color,size\nred,1\nblue,2\nred,3\n");
    Path servingCsv = tmp.resolve("serving.csv");
    Files.writeString(servingCsv, "color,size\nred,1\ngreen,2\nred,\n");
    for (String name : new String[] {"train", "serving"}) {
      assertEquals(0, CliRunner.run("examplegen", "--input", tmp.resolve(name + ".csv").toString(),
          "--output", tmp.resolve(name).toString(), "--split", "all:1").code());
      assertEquals(0, CliRunner.run("stats", "--examples", tmp.resolve(name + "/examples").toString(),
          "--output", tmp.resolve(name + "-stats").toString()).code());
    }
    CliRunner.Result schema = CliRunner.run("schema", "--stats", tmp.resolve("train-stats").toString(),
        "--split", "all", "--output", tmp.resolve("schema").toString());
    assertEquals(0, schema.code(), schema.err());
    String pbtxt = Files.readString(tmp.resolve("schema/schema.pbtxt"));
    assertTrue(pbtxt.contains("name: \"color\""), pbtxt);
    assertTrue(pbtxt.contains("value: \"blue\""), pbtxt);

    CliRunner.Result clean = CliRunner.run("validate", "--stats", tmp.resolve("train-stats").toString(),
        "--schema", tmp.resolve("schema/schema.pbtxt").toString(), "--output", tmp.resolve("a1").toString(),
        "--fail-on-anomalies");
    assertEquals(0, clean.code(), clean.out() + clean.err());
    assertTrue(clean.out().contains("  all      0 anomalies"), clean.out());

    CliRunner.Result gate = CliRunner.run("validate", "--stats", tmp.resolve("serving-stats").toString(),
        "--schema", tmp.resolve("schema").toString(), "--output", tmp.resolve("a2").toString(),
        "--fail-on-anomalies");
    assertEquals(ValidateCommand.ANOMALIES_FOUND, gate.code(), gate.out() + gate.err());
    assertTrue(gate.out().contains("ERROR color: Unexpected string values"), gate.out());
    assertTrue(gate.out().contains("ERROR size:"), gate.out());

    CliRunner.Result report = CliRunner.run("validate", "--stats", tmp.resolve("serving-stats").toString(),
        "--schema", tmp.resolve("schema").toString(), "--output", tmp.resolve("a3").toString());
    assertEquals(0, report.code(), "without --fail-on-anomalies anomalies are a result, not a failure");

    CliRunner.Result rows = CliRunner.run("validate", "--examples", tmp.resolve("serving/examples").toString(),
        "--schema", tmp.resolve("schema").toString(), "--output", tmp.resolve("rows").toString(),
        "--fail-on-anomalies");
    assertEquals(ValidateCommand.ANOMALIES_FOUND, rows.code(), rows.out() + rows.err());
    assertTrue(rows.out().contains("all: 2 of 3 examples break the schema"), rows.out());
    assertTrue(rows.out().contains("color ENUM_TYPE_UNEXPECTED_STRING_VALUES: 1 example (1 listed)"), rows.out());
    assertTrue(Files.readString(tmp.resolve("rows/Split-all/bad_examples.jsonl")).contains("green"));
  }

  /**
   * A serving log of TF Serving REST requests through examplegen, stats and skew: 400 trips trained
   * on, the first 200 requested, sizes doubled on every 4th and colors renamed on every 10th.
   */
  @Test
  void aServingLogIsComparedWithTheTrainingDataBySkew() throws Exception {
    StringBuilder csv = new StringBuilder("id,color,size,label\n");
    StringBuilder log = new StringBuilder();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 400; i++) {
      String color = r.nextBoolean() ? "red" : "blue";
      int size = r.nextInt(50);
      csv.append(i).append(',').append(color).append(',').append(size).append(',').append(i % 2).append('\n');
      if (i < 200) {
        log.append("{\"instances\": [{\"id\": ").append(i).append(", \"color\": \"")
            .append(i % 10 == 0 ? "green" : color).append("\", \"size\": ").append(i % 4 == 0 ? 2 * size : size)
            .append("}]}\n");
      }
    }
    Files.writeString(tmp.resolve("train.csv"), csv);
    Files.writeString(tmp.resolve("requests.jsonl"), log);
    assertEquals(0, CliRunner.run("examplegen", "--input", tmp.resolve("train.csv").toString(), "--split",
        "train:1", "--output", tmp.resolve("train").toString()).code());
    CliRunner.Result serving = CliRunner.run("examplegen", "--split", "serving=" + tmp.resolve("requests.jsonl"),
        "--output", tmp.resolve("serving").toString());
    assertEquals(0, serving.code(), serving.err());
    for (String name : new String[] {"train", "serving"}) {
      assertEquals(0, CliRunner.run("stats", "--examples", tmp.resolve(name + "/examples").toString(),
          "--output", tmp.resolve(name + "-stats").toString()).code());
    }
    CliRunner.Result skew = CliRunner.run("skew", "--training-stats", tmp.resolve("train-stats").toString(),
        "--serving-stats", tmp.resolve("serving-stats").toString(),
        "--training-examples", tmp.resolve("train/examples").toString(),
        "--serving-examples", tmp.resolve("serving/examples").toString(), "--id", "id", "--ignore", "label",
        "--output", tmp.resolve("skew").toString(), "--fail-on-skew");
    assertEquals(SkewCommand.SKEW_FOUND, skew.code(), skew.out() + skew.err());
    assertTrue(skew.out().contains("feature skew on [id]: 200 pairs compared"), skew.out());
    assertTrue(skew.out().contains("ids only in training 200, only in serving 0"), skew.out());
    assertTrue(skew.out().contains("color: 20 of 200 pairs differ (mismatch 20, training only 0, serving only 0)"),
        skew.out());
    assertTrue(skew.out().matches("(?s).*size: \\d+ of 200 pairs differ.*"), skew.out());
    // at 200 requests the doubled sizes pass the KS test; the join still sees every one of them
    assertTrue(skew.out().contains("distribution: SKEWED (1 of 2 features skewed)"), skew.out());
    assertTrue(skew.out().contains("chi-squared"), skew.out());
    assertEquals(10, Files.readString(tmp.resolve("skew/skew_pairs.jsonl")).lines().count());

    CliRunner.Result quiet = CliRunner.run("skew", "--training-stats", tmp.resolve("train-stats").toString(),
        "--serving-stats", tmp.resolve("train-stats").toString(), "--output", tmp.resolve("same").toString(),
        "--fail-on-skew");
    assertEquals(0, quiet.code(), quiet.out() + quiet.err());
    assertTrue(quiet.out().contains("distribution: stable (0 of "), quiet.out());
    CliRunner.Result half = CliRunner.run("skew", "--training-examples", "a", "--output", tmp.resolve("x").toString());
    assertEquals(2, half.code());
    assertTrue(half.err().contains("A join takes --training-examples, --serving-examples and --id together"), half.err());
  }

  @Test
  void controlCharactersInFeatureNamesArePrintedEscaped() throws Exception {
    String color = "col\u001b[31mor";
    Files.writeString(tmp.resolve("train.csv"), color + ",size\nred,1\nblue,2\nred,3\n");
    Files.writeString(tmp.resolve("serving.csv"), color + ",size\nred,1\ngreen,2\n");
    for (String name : new String[] {"train", "serving"}) {
      CliRunner.Result st = CliRunner.run("stats", "--input", tmp.resolve(name + ".csv").toString(),
          "--output", tmp.resolve(name + "-stats").toString(), "--parallelism=1");
      assertEquals(0, st.code(), st.err());
    }
    assertEquals(0, CliRunner.run("schema", "--stats", tmp.resolve("train-stats").toString(), "--split", "all",
        "--output", tmp.resolve("schema").toString()).code());
    CliRunner.Result r = CliRunner.run("validate", "--stats", tmp.resolve("serving-stats").toString(),
        "--schema", tmp.resolve("schema").toString(), "--output", tmp.resolve("anomalies").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ERROR col\\x1b[31mor: Unexpected string values"), r.out());
    assertFalse(r.out().contains("\u001b"), r.out());
  }

  @Test
  void statsStraightFromCsvWithSlicesAndWeights() throws Exception {
    Path csv = tmp.resolve("trips.csv");
    Files.writeString(csv, "pay,fare,w\ncash,10,1\ncard,20,3\ncash,30,4\nbad row\n");
    Path out = tmp.resolve("profile");
    CliRunner.Result r = CliRunner.run("stats", "--input", csv.toString(), "--output", out.toString(),
        "--slice-by", "pay", "--weight-feature", "w");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Rejects:    1 rejected rows in "), r.out());
    DatasetFeatureStatisticsList stats = StatisticsJson.readSplit(out.toString(), "all");
    assertEquals(3, stats.whole().numExamples());
    assertEquals(20.0, stats.whole().requireFeature("fare").numStats().mean(), 1e-12);
    assertEquals(23.75, stats.whole().requireFeature("fare").numStats().weightedNumericStats().mean(), 1e-12,
        "(10*1 + 20*3 + 30*4) / 8");
    assertEquals(20.0, stats.dataset("pay_cash").requireFeature("fare").numStats().mean(), 1e-12);
    assertEquals(1, stats.dataset("pay_card").numExamples());
  }

  @Test
  void outputDirectoriesChainAndAMismatchSaysWhatIsThereWithExitTwo() throws Exception {
    Files.writeString(tmp.resolve("t.csv"), "color,size\nred,1\nblue,2\nred,3\n");
    String ex = tmp.resolve("ex").toString();
    assertEquals(0, CliRunner.run("examplegen", "--input", tmp.resolve("t.csv").toString(), "--output", ex,
        "--split", "all:1").code());
    CliRunner.Result st = CliRunner.run("stats", "--examples", ex, "--output", tmp.resolve("st").toString());
    assertEquals(0, st.code(), st.err());
    CliRunner.Result wrong = CliRunner.run("schema", "--stats", ex, "--output", tmp.resolve("sc").toString());
    assertEquals(2, wrong.code(), wrong.err());
    assertEquals("beamline schema: --stats: " + ex + " holds Examples at " + ex + "/examples and ExampleRejects at "
        + ex + "/rejects; none is ExampleStatistics\n", wrong.err());
    assertTrue(Files.notExists(tmp.resolve("sc")));
  }

  @Test
  void forceReplacesAnOutputAndAFailedForcedRunLeavesTheOldOneIntact() throws Exception {
    Files.writeString(tmp.resolve("a.csv"), "x\n1\n2\n");
    String ex = tmp.resolve("ex").toString();
    assertEquals(0, CliRunner.run("examplegen", "--input", tmp.resolve("a.csv").toString(), "--output", ex,
        "--split", "all:1").code());

    Files.writeString(tmp.resolve("b.csv"), "x\n1\n2\n3\n");
    CliRunner.Result refused = CliRunner.run("examplegen", "--input", tmp.resolve("b.csv").toString(), "--output", ex,
        "--split", "all:1");
    assertEquals(1, refused.code());
    assertEquals("beamline examplegen: --output " + ex + " already holds " + ex
        + "/examples: pass --force to replace it, or choose another --output\n", refused.err());

    CliRunner.Result forced = CliRunner.run("examplegen", "--input", tmp.resolve("b.csv").toString(), "--output", ex,
        "--split", "all:1", "--force");
    assertEquals(0, forced.code(), forced.err());
    assertTrue(forced.out().contains("  all      3 examples"), forced.out());

    Files.writeString(tmp.resolve("bad.csv"), "x,y\n1,2\n3\n");
    CliRunner.Result failed = CliRunner.run("examplegen", "--input", tmp.resolve("bad.csv").toString(), "--output", ex,
        "--split", "all:1", "--force");
    assertEquals(1, failed.code());
    CliRunner.Result stats = CliRunner.run("stats", "--examples", ex, "--output", tmp.resolve("st").toString());
    assertEquals(0, stats.code(), stats.err());
    assertEquals(3, StatisticsJson.readSplit(tmp.resolve("st").toString(), "all").whole().numExamples(),
        "the failed forced run left the 3-row output in place");
    assertTrue(Files.notExists(tmp.resolve("ex/examples.replaced")));
  }

  @Test
  void forceNeverOverwritesAStoreManagedOutput() throws Exception {
    Files.writeString(tmp.resolve("a.csv"), "x\n1\n2\n");
    Path home = tmp.resolve("home");
    Path inStore = Files.createDirectories(home.resolve("artifacts/p/StatisticsGen/statistics/1"));
    Files.writeString(inStore.resolve("keep"), "stored");
    CliRunner.Result r = CliRunner.run("stats", "--input", tmp.resolve("a.csv").toString(), "--output",
        inStore.toString(), "--force", "--home", home.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("store-managed outputs are never overwritten"), r.err());
    assertEquals("stored", Files.readString(inStore.resolve("keep")));
  }
}
