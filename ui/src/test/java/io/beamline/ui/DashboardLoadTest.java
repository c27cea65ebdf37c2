package io.beamline.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.metadata.ArtifactRoot;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.Execution;
import io.beamline.metadata.ExecutionState;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import io.beamline.orchestrator.LocalOrchestrator;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;
import io.beamline.orchestrator.PipelineRunResult;
import io.beamline.orchestrator.TestComponents;
import io.beamline.orchestrator.TestComponents.PoisonParameters;
import io.beamline.orchestrator.TestComponents.WriteParameters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waves of 200 concurrent requests over every page and API while pipelines keep writing the store,
 * on a store holding 1,000 runs: every response is 200 and the store passes {@code PRAGMA
 * integrity_check}. Latencies (p50, p99, the 1,000-run list) are written to {@code
 * target/dashboard-load.txt} for the benchmarks README, never asserted (the machine is shared).
 */
class DashboardLoadTest {
  private static final int CONCURRENT = 200;
  private static final int WAVES = 3;
  private static final int SEEDED_RUNS = 1_000;

  @TempDir Path home;

  @Test
  void concurrentRequestsWhileAPipelineWritesAllSucceedAndTheStoreStaysWhole() throws Exception {
    Path storeFile = home.resolve("metadata.sqlite");
    ArtifactRoot root = ArtifactRoot.of(home.resolve("artifacts").toString());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger runsDuringLoad = new AtomicInteger();
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    PipelineRunResult first;
    try (MetadataStore store = MetadataStore.openSqlite(storeFile)) {
      first = LocalOrchestrator.using(store, root).run(pipeline());
      assertTrue(first.succeeded(), first.error().toString());
      seedRuns(store, SEEDED_RUNS);
    }
    Thread writer = new Thread(() -> {
      try (MetadataStore store = MetadataStore.openSqlite(storeFile)) {
        while (!stop.get()) {
          PipelineRunResult r = LocalOrchestrator.using(store, root).withCaching(false).run(pipeline());
          if (!r.succeeded()) {
            throw new AssertionError("writer run failed: " + r.error());
          }
          runsDuringLoad.incrementAndGet();
        }
      } catch (Throwable t) {
        writerFailure.set(t);
      }
    }, "pipeline-writer");

    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    String report;
    try (Dashboard.Server ui = Dashboard.over(home).withPort(0).start()) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      String base = "http://127.0.0.1:" + ui.port();
      long listAll = timed(http, base + "/runs");
      long listApi = timed(http, base + "/api/runs?state=COMPLETE&page=3");
      // Paging and filters, on the seeded runs: one run in ten failed.
      String failed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs?pipeline=seeded&state=FAILED&page=2"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(failed.matches("(?s).*\"total\":100[,}].*"), "100 failed runs: " + failed.substring(failed.length() - 60));
      assertEquals(50, failed.split("\"name\":\"seeded-").length - 1, "page 2 holds runs 51-100 of the 100");
      assertTrue(failed.contains("\"name\":\"seeded-490\"") && !failed.contains("\"name\":\"seeded-500\""),
          "newest first: page 2 starts at run 490");
      List<String> pages = pages(first);
      writer.start();
      for (int wave = 0; wave < WAVES; wave++) {
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
          String url = base + pages.get(i % pages.size());
          long start = System.nanoTime();
          inFlight.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build(),
                  HttpResponse.BodyHandlers.ofByteArray())
              .thenAccept(r -> {
                latencies.add(System.nanoTime() - start);
                if (r.statusCode() != 200) {
                  failures.add(url + " -> " + r.statusCode() + " " + new String(r.body()));
                }
              })
              .exceptionally(t -> {
                failures.add(url + " -> " + t);
                return null;
              }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
      }
      stop.set(true);
      writer.join(120_000);
      report = report(latencies, listAll, timed(http, base + "/runs"), listApi, runsDuringLoad.get());
    } finally {
      stop.set(true);
      writer.join(120_000);
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "dashboard-load.txt"), report);

    assertEquals(List.of(), failures, "every response is 200");
    assertEquals(CONCURRENT * WAVES, latencies.size());
    assertEquals(null, writerFailure.get(), "the pipeline kept writing without failing");
    assertTrue(runsDuringLoad.get() >= 1, "a pipeline wrote while the dashboard was read");
    assertEquals("ok", integrity(storeFile));
  }

  private static Pipeline pipeline() {
    var write = Node.of(TestComponents.writeText()).withParameters(new WriteParameters(List.of("a", "b", "c")));
    var count = Node.of(TestComponents.countLines()).withParameters(new PoisonParameters(""))
        .withInput("text", write.output("text"));
    return Pipeline.of("load", write, count);
  }

  /** Every page kind and its JSON, from the first run's ids. */
  private static List<String> pages(PipelineRunResult run) {
    long exec = run.node("CountLines").executionId();
    long artifact = run.node("WriteText").output("text").id();
    return List.of("/runs", "/runs?state=COMPLETE&page=2", "/api/runs", "/runs/" + run.runContextId(),
        "/runs/" + run.runContextId() + "?node=" + exec, "/api/runs/" + run.runContextId(), "/executions/" + exec,
        "/api/executions/" + exec + "/log", "/artifacts", "/api/artifacts?type=Text", "/artifacts/" + artifact,
        "/api/artifacts/" + artifact, "/lineage/artifacts/" + artifact + "?direction=both", "/api/lineage/" + artifact,
        "/files/" + artifact + "/lines.txt", "/static/dashboard.css");
  }

  /** 1,000 finished runs of a seven-step pipeline, written the way the orchestrator writes them. */
  private static void seedRuns(MetadataStore store, int runs) {
    store.putExecutionType("Step", Map.of());
    store.inTransaction(s -> {
      Context pipeline = s.putContextIfAbsent(Context.create(ContextTypes.PIPELINE, "seeded"));
      long t0 = Instant.now().toEpochMilli() - runs * 60_000L;
      for (int i = 0; i < runs; i++) {
        Context run = s.putContext(Context.create(ContextTypes.PIPELINE_RUN, "seeded-" + i)
            .withCustomProperty("state", new Value.StringValue(i % 10 == 0 ? "FAILED" : "COMPLETE"))
            .withCustomProperty("start_time", new Value.IntValue(t0 + i * 60_000L))
            .withCustomProperty("end_time", new Value.IntValue(t0 + i * 60_000L + 30_000)));
        s.putParentContext(run.id(), pipeline.id());
        for (int step = 0; step < 7; step++) {
          Execution e = s.putExecution(Execution.create("Step", "step" + step)
              .withState(step == 6 && i % 10 == 0 ? ExecutionState.FAILED : ExecutionState.COMPLETE)
              .withStartTime(Instant.ofEpochMilli(t0 + i * 60_000L)).withEndTime(Instant.ofEpochMilli(t0 + i * 60_000L + 4000)));
          s.putAssociation(new io.beamline.metadata.Association(run.id(), e.id()));
        }
      }
      return null;
    });
  }

  private static long timed(HttpClient http, String url) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    long took = System.nanoTime() - start;
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return took;
  }

  private static String report(List<Long> latencies, long listCold, long listWarm, long listApi, int writes) {
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return String.format(Locale.ROOT, "requests=%d concurrent=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f "
            + "runs_page_1000_runs_first_ms=%.1f runs_page_1000_runs_warm_ms=%.1f api_runs_filtered_ms=%.1f "
            + "pipeline_runs_during_load=%d%n",
        sorted.size(), CONCURRENT, ms(sorted, 0.50), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6,
        listCold / 1e6, listWarm / 1e6, listApi / 1e6, writes);
  }

  private static double ms(List<Long> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)) / 1e6;
  }

  private static String integrity(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
