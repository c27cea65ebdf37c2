package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.Json;
import io.beamline.examplegen.ExampleGen;
import io.beamline.examplegen.ExampleGenParameters;
import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.LocalOrchestrator;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;
import io.beamline.statsgen.StatisticsGen;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beamline history} over a store where ExampleGen and StatisticsGen ran on three spans. */
class HistoryCommandTest {
  @TempDir static Path tmp;
  static Path home;

  /** Span s: 200 trips with fare 10 (span 2: 30), payment Cash for the first 100 + 50 * s. */
  @BeforeAll
  static void spans() throws Exception {
    home = tmp.resolve("home");
    for (int s = 0; s < 3; s++) {
      StringBuilder csv = new StringBuilder("fare,payment_type\n");
      for (int i = 0; i < 200; i++) {
        double fare = s == 2 ? 30 : 10;
        csv.append(fare).append(',').append(i < 100 + 50 * s ? "Cash" : "Card").append('\n');
      }
      Path file = tmp.resolve("data/span-" + s + "/trips.csv");
      Files.createDirectories(file.getParent());
      Files.writeString(file, csv);
    }
    BeamlineHome h = BeamlineHome.resolve(home);
    try (MetadataStore store = h.openStore()) {
      for (long s = 0; s < 3; s++) {
        var gen = Node.of(new ExampleGen()).withParameters(ExampleGenParameters.defaults()
            .withInput(tmp.resolve("data/span-{SPAN}/trips.csv").toString()).withSpan(s, null));
        var stats = Node.of(new StatisticsGen()).withInput(StatisticsGen.EXAMPLES, gen.output(ExampleGen.EXAMPLES));
        assertTrue(LocalOrchestrator.using(store, h.artifactRoot()).run(Pipeline.of("trips", gen, stats)).succeeded());
      }
    }
  }

  private static CliRunner.Result history(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "history";
    all[1] = "--home";
    all[2] = home.toString();
    all[3] = "--pipeline";
    all[4] = "trips";
    System.arraycopy(args, 0, all, 5, args.length);
    return CliRunner.run(all);
  }

  @Test
  void csvHasOneRowPerSpan() {
    CliRunner.Result r = history("--node", "StatisticsGen", "--split", "train", "--stat", "fare:mean",
        "--stat", "payment_type:top_share=Cash", "--format", "csv");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().trim().split("\n");
    assertEquals("span,fare:mean,payment_type:top_share=Cash", lines[0]);
    assertEquals(4, lines.length, r.out());
    assertTrue(lines[1].startsWith("0,10.0,"), lines[1]);
    assertTrue(lines[2].startsWith("1,10.0,"), lines[2]);
    assertTrue(lines[3].startsWith("2,30.0,1.0"), lines[3]); // every trip of span 2 paid cash
  }

  @Test
  void tableMarksWhatTheDetectorFindsAndJsonCarriesIt() {
    CliRunner.Result table = history("--stat", "fare:mean", "--split", "train", "--detect", "relative_change(0.8,1.25)");
    assertEquals(0, table.code(), table.err());
    assertTrue(table.out().contains("* fare:mean at span 2: The value 30 changed by a factor of 3 "), table.out());

    CliRunner.Result json = history("--stat", "fare:drift", "--split", "train", "--detect", "threshold(0,0.5)",
        "--format", "json");
    assertEquals(0, json.code(), json.err());
    JsonNode series = Json.tree(json.out()).path("series").get(0);
    assertEquals("fare:drift", series.path("name").asText());
    assertEquals("NaN", series.path("points").get(0).path("value").asText(), "no previous span");
    assertEquals(0.0, series.path("points").get(1).path("value").asDouble(), "span 1 has span 0's values");
    assertEquals(2, series.path("anomalies").get(0).path("index").asInt());
  }

  /**
   * The dashboard's history page draws the same series with the flagged span marked (a red ring whose
   * tooltip is the detector's reason, the expected range beside it), and its API twin carries them.
   */
  @Test
  void theDashboardDrawsTheSeriesWithTheAnomalyMarked() throws Exception {
    try (io.beamline.ui.Dashboard.Server ui = io.beamline.ui.Dashboard.over(home).withPort(0).start()) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + ui.port();
      String query = "?pipeline=trips&node=StatisticsGen&stat=fare:mean,fare:max"
          + "&detect=relative_change(0.8,1.25)";
      var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/history" + query)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode(), page.body());
      String html = page.body();
      assertEquals(2, html.split("<figure class=\"chart\">", -1).length - 1, html);
      assertEquals(6, html.split("<circle class=\"point\"", -1).length - 1, "three spans, two series: " + html);
      // fare's mean and max both triple at span 2
      assertEquals(2, html.split("<circle class=\"anomaly\"", -1).length - 1, html);
      assertTrue(html.contains("<title>span 2: The value 30 changed by a factor of 3"), html);
      assertTrue(html.contains("<line class=\"expected\""), html);
      assertTrue(html.contains("<li>span 2: The value 30 changed by a factor of 3"), html);

      var api = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/history" + query)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, api.statusCode(), api.body());
      JsonNode fare = Json.tree(api.body()).path("series").get(0);
      assertEquals("fare:mean", fare.path("name").asText());
      assertEquals(30.0, fare.path("points").get(2).path("value").asDouble());
      assertEquals(2, fare.path("anomalies").get(0).path("index").asInt());
      JsonNode max = Json.tree(api.body()).path("series").get(1);
      assertEquals("fare:max", max.path("name").asText());
      assertEquals(1, max.path("anomalies").size());
      assertEquals("relative_change(0.8,1.25)", max.path("detector").asText());

      var bad = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/history?stat=fare:average")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(400, bad.statusCode(), bad.body());
      var form = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/history")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertTrue(form.body().contains("<form method=\"get\" action=\"/history\""), form.body());
    }
  }

  @Test
  void aStatisticItDoesNotKnowIsAUsageError() {
    CliRunner.Result r = history("--stat", "fare:average");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Unknown statistic 'average'"), r.err());
  }
}
