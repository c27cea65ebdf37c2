package io.beamline.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.examplegen.ExampleGen;
import io.beamline.io.examples.TFRecords;
import io.beamline.io.records.ServingRequests;
import io.beamline.statsgen.StatisticsGen;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving skew on the taxi data: the training side is the taxi CSV with a {@code trip_id} column;
 * the serving side is a JSON-lines log of TF Serving REST requests for every third trip, without the
 * label, with documented changes: fares scaled by 1.5 on every 10th trip, payment type "Mobile" on
 * every 5th, no company on every 7th, a {@code request_source} on every 4th; trip 3 requested twice,
 * five unknown trips and two requests without a trip id. The expected counts are computed here from
 * the raw CSV cells, apart from the component.
 */
class ServingSkewTest {
  @TempDir static Path tmp;
  private static List<Map<String, String>> rows;
  private static List<String> numericColumns;
  private static String trainingExamples;
  private static String trainingStats;
  private static String servingExamples;
  private static String servingStats;

  @BeforeAll
  static void data() throws Exception {
    Path taxi = Path.of("../examples/data/taxi/data.csv");
    rows = new ArrayList<>();
    List<String> header;
    try (CSVParser p = CSVParser.parse(taxi, java.nio.charset.StandardCharsets.UTF_8,
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
      header = p.getHeaderNames();
      for (CSVRecord r : p) {
        rows.add(new TreeMap<>(r.toMap()));
      }
    }
    numericColumns = header.stream().filter(c -> rows.stream().map(r -> r.get(c))
        .allMatch(v -> v.isEmpty() || v.matches("-?[0-9]+(\\.[0-9]+)?"))).toList();
    StringBuilder csv = new StringBuilder("trip_id," + String.join(",", header.stream().map(ServingSkewTest::quote).toList()) + "\n");
    for (int i = 0; i < rows.size(); i++) {
      csv.append(i);
      for (String c : header) {
        csv.append(',').append(quote(rows.get(i).get(c)));
      }
      csv.append('\n');
    }
    Path trainingCsv = tmp.resolve("training.csv");
    Files.writeString(trainingCsv, csv);
    trainingExamples = ExampleGen.fromSplits("train=" + trainingCsv).run(tmp.resolve("training").toString())
        .output(ExampleGen.EXAMPLES).uri();
    trainingStats = StatisticsGen.run(trainingExamples, tmp.resolve("training_stats").toString())
        .output(StatisticsGen.STATISTICS).uri();

    Path log = tmp.resolve("requests.jsonl");
    Files.writeString(log, servingLog());
    servingExamples = ExampleGen.fromSplits("serving=" + log).run(tmp.resolve("serving").toString())
        .output(ExampleGen.EXAMPLES).uri();
    servingStats = StatisticsGen.run(servingExamples, tmp.resolve("serving_stats").toString())
        .output(StatisticsGen.STATISTICS).uri();
  }

  private static String quote(String cell) {
    return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
  }

  /** The serving value of trip {@code i}'s {@code column}, as the log holds it; null when not sent. */
  private static String servingCell(int i, String column) {
    String v = rows.get(i).get(column);
    switch (column) {
      case "tips":
        return null;
      case "fare":
        return i % 10 == 0 && !v.isEmpty() ? new BigDecimal(v).multiply(new BigDecimal("1.5")).toPlainString() : v;
      case "payment_type":
        return i % 5 == 0 ? "Mobile" : v;
      case "company":
        return i % 7 == 0 ? null : v;
      default:
        return v;
    }
  }

  /** Requests of up to 10 instances; trip 3 twice, five unknown trips, two requests without a trip id. */
  private static String servingLog() {
    List<String> instances = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += 3) {
      instances.add(instance(i));
    }
    instances.add(instance(3));
    for (int k = 0; k < 5; k++) {
      instances.add("{\"trip_id\": " + (100_000 + k) + ", \"fare\": 5.5}");
    }
    instances.add("{\"fare\": 7.25}");
    instances.add("{\"trip_id\": null, \"fare\": 8}");
    StringBuilder log = new StringBuilder();
    for (int from = 0; from < instances.size(); from += 10) {
      log.append("{\"signature_name\": \"serving_default\", \"instances\": [")
          .append(String.join(", ", instances.subList(from, Math.min(from + 10, instances.size())))).append("]}\n");
    }
    return log.toString();
  }

  private static String instance(int i) {
    StringBuilder json = new StringBuilder("{\"trip_id\": ").append(i);
    for (String column : rows.get(i).keySet()) {
      String v = servingCell(i, column);
      if (v == null || v.isEmpty()) {
        continue;
      }
      json.append(", \"").append(column).append("\": ")
          .append(numericColumns.contains(column) ? v : "\"" + v.replace("\"", "\\\"") + "\"");
    }
    if (i % 4 == 0) {
      json.append(", \"request_source\": \"app\"");
    }
    return json.append('}').toString();
  }

  private static ServingSkewParameters joinOnTripId() {
    return ServingSkewParameters.defaults().withIdentifierFeatures(List.of("trip_id"))
        .withIgnoredFeatures(List.of("tips")).withSampleSize(5);
  }

  @Test
  void theJoinCountsEveryPairAsComputedFromTheRawCells() {
    ResolvedArtifact skew = ServingSkew.run(null, null, trainingExamples, servingExamples,
        tmp.resolve("join").toString(), joinOnTripId());
    ServingSkewReport report = ServingSkew.report(skew.uri());
    FeatureSkew fs = report.featureSkew();

    int served = (rows.size() + 2) / 3;
    JoinCounts join = fs.join();
    assertEquals(rows.size(), join.trainingExamples());
    assertEquals(served + 1 + 5 + 2, join.servingExamples());
    assertEquals(0, join.trainingWithoutId());
    assertEquals(2, join.servingWithoutId());
    assertEquals(1, join.duplicateIds(), "trip 3 was requested twice");
    assertEquals(served - 1, join.pairsCompared());
    assertEquals(rows.size() - served, join.idsOnlyInTraining());
    assertEquals(5, join.idsOnlyInServing());

    // the expected counts, cell by cell
    Map<String, long[]> expected = new TreeMap<>();
    long skewedPairs = 0;
    for (int i = 0; i < rows.size(); i += 3) {
      if (i == 3) {
        continue;
      }
      boolean skewed = false;
      Map<String, String> serving = new HashMap<>();
      for (String c : rows.get(i).keySet()) {
        String v = servingCell(i, c);
        if (v != null && !v.isEmpty()) {
          serving.put(c, v);
        }
      }
      if (i % 4 == 0) {
        serving.put("request_source", "app");
      }
      java.util.Set<String> names = new java.util.TreeSet<>(serving.keySet());
      rows.get(i).forEach((c, v) -> {
        if (!v.isEmpty()) {
          names.add(c);
        }
      });
      names.remove("tips");
      for (String name : names) {
        String t = rows.get(i).getOrDefault(name, "");
        String s = serving.get(name);
        long[] c = expected.computeIfAbsent(name, k -> new long[6]);
        if (!t.isEmpty() && s != null) {
          boolean same = numericColumns.contains(name) ? Float.parseFloat(t) == Float.parseFloat(s) : t.equals(s);
          c[0]++;
          c[1]++;
          c[same ? 2 : 5]++;
          skewed |= !same;
        } else if (!t.isEmpty()) {
          c[0]++;
          c[3]++;
          skewed = true;
        } else {
          c[1]++;
          c[4]++;
          skewed = true;
        }
      }
      skewedPairs += skewed ? 1 : 0;
    }
    assertEquals(skewedPairs, join.skewedPairs());
    assertEquals(expected.keySet(), new java.util.TreeSet<>(fs.features().stream().map(FeatureSkewCount::feature).toList()));
    for (FeatureSkewCount f : fs.features()) {
      long[] c = expected.get(f.feature());
      assertEquals(List.of(c[0], c[1], c[2], c[3], c[4], c[5]), List.of(f.trainingCount(), f.servingCount(),
          f.matchCount(), f.trainingOnly(), f.servingOnly(), f.mismatchCount()), f.feature());
    }
    // the injected changes, and nothing else, disagree
    assertEquals(List.of("company", "fare", "payment_type", "request_source"), fs.skewedFeatures());
    assertTrue(fs.feature("fare").orElseThrow().mismatchCount() > 400, fs.feature("fare").toString());
    assertEquals(expected.get("request_source")[4], fs.feature("request_source").orElseThrow().servingOnly());

    // the sample: the smallest trip ids among skewed pairs, each naming what disagreed
    assertEquals(5, report.skewPairs().size());
    SkewPair first = report.skewPairs().get(0);
    assertEquals("0", first.id());
    assertEquals(List.of("payment_type"), first.mismatchedFeatures().stream().filter(f -> f.equals("payment_type")).toList());
    assertEquals(List.of("Mobile"), first.serving().get("payment_type"));
    assertEquals(List.of("request_source"), first.servingOnlyFeatures());

    ArtifactProperties props = skew.properties();
    assertTrue(props.getBoolean(PropertyNames.SKEW_DETECTED));
    assertEquals(served - 1L, props.getLong(PropertyNames.PAIRS_COMPARED));
    assertEquals("serving", props.getString(PropertyNames.SERVING_SPLIT));
  }

  @Test
  void servingStatisticsAreComparedWithTrainingsByTheDistributionTests() {
    ResolvedArtifact skew = ServingSkew.run(trainingStats, servingStats, null, null, tmp.resolve("dist").toString(),
        ServingSkewParameters.defaults().withIgnoredFeatures(List.of("trip_id")));
    DatasetDrift d = ServingSkew.report(skew.uri()).distribution();
    FeatureDrift payment = d.features().stream().filter(f -> f.feature().equals("payment_type")).findFirst().orElseThrow();
    assertTrue(payment.drifted(), payment.toString());
    assertEquals("CHI_SQUARED", payment.test());
    assertEquals(rows.size(), payment.m(), "the training side's count");
    FeatureDrift hour = d.features().stream().filter(f -> f.feature().equals("trip_start_hour")).findFirst().orElseThrow();
    assertFalse(hour.drifted(), hour.toString());
    assertTrue(d.features().stream().noneMatch(f -> f.feature().equals("tips") || f.feature().equals("trip_id")),
        "the label is not served; the id is ignored");
    assertTrue(skew.properties().getStringList(PropertyNames.SKEWED_FEATURES).contains("payment_type"));
  }

  @Test
  void aTfRecordServingLogGivesTheSameSkewAsItsJsonLines() throws Exception {
    Path log = tmp.resolve("requests.tfrecord");
    long line = 0;
    try (OutputStream out = Files.newOutputStream(log)) {
      for (String request : servingLog().split("\n")) {
        for (var e : ServingRequests.parse(request, "log", ++line)) {
          TFRecords.write(out, e.toByteArray());
        }
      }
    }
    String examples = ExampleGen.fromSplits("serving=" + log).run(tmp.resolve("serving_tfrecord").toString())
        .output(ExampleGen.EXAMPLES).uri();
    FeatureSkew fromTfRecord = ServingSkew.report(ServingSkew.run(null, null, trainingExamples, examples,
        tmp.resolve("join_tfrecord").toString(), joinOnTripId()).uri()).featureSkew();
    FeatureSkew fromJson = ServingSkew.report(ServingSkew.run(null, null, trainingExamples, servingExamples,
        tmp.resolve("join_json").toString(), joinOnTripId()).uri()).featureSkew();
    assertEquals(fromJson, fromTfRecord);
  }

  @Test
  void missingInputsAndSplitsAreNamed() {
    InvalidParameterException noIds = assertThrows(InvalidParameterException.class, () -> ServingSkew.run(null, null,
        trainingExamples, servingExamples, tmp.resolve("x1").toString(), ServingSkewParameters.defaults()));
    assertTrue(noIds.getMessage().contains("name them (identifier_features)"), noIds.getMessage());
    InvalidParameterException split = assertThrows(InvalidParameterException.class, () -> ServingSkew.run(null, null,
        trainingExamples, servingExamples, tmp.resolve("x2").toString(), joinOnTripId().withTrainingSplit("eval")));
    assertTrue(split.getMessage().contains("have no split 'eval'; splits there: [train]"), split.getMessage());
    assertFalse(Files.exists(tmp.resolve("x2")), "nothing is published");
  }
}
