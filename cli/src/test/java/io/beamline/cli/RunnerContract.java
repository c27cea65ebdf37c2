package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.validator.RowValidator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every runner must do, run by each runner module's tests (which have that runner on their
 * classpath): the whole demo pipeline and the row check give the DirectRunner's answers. The
 * embedded masters' tests add quick one-job checks ({@link EmbeddedRunnerContract}); a real
 * cluster's test adds its own (a big CSV read in parts, a lost worker).
 */
public abstract class RunnerContract {
  @TempDir protected Path tmp;

  /** The runner's Beam options, e.g. {@code --runner=FlinkRunner --flinkMaster=[local]}. */
  protected abstract List<String> runnerArgs();

  /** The labelled taxi trips the demo trains on. */
  private static final String TAXI_LABELLED =
      Path.of("../examples/data/taxi/big_tipper.csv").toAbsolutePath().normalize().toString();

  protected static Path taxiCsv() {
    return Path.of("../examples/data/taxi/data.csv").toAbsolutePath().normalize();
  }

  /**
   * The taxi rows {@code copies} times over under one header, in {@link #tmp}: big enough at 35
   * copies (67 MB) to be cut into parts (17 of 4 MiB), with every count {@code copies} times the
   * taxi file's.
   */
  protected Path taxiCsvRepeated(int copies) throws IOException {
    Path big = tmp.resolve("taxi_x" + copies + ".csv");
    List<String> lines = Files.readAllLines(taxiCsv());
    try (BufferedWriter out = Files.newBufferedWriter(big)) {
      out.write(lines.get(0));
      out.newLine();
      for (int i = 0; i < copies; i++) {
        for (String line : lines.subList(1, lines.size())) {
          out.write(line);
          out.newLine();
        }
      }
    }
    return big;
  }

  /** Counts, per worker of a real cluster, the CSV parts its tasks read in the job run after {@link #startJob}. */
  protected interface PartsRead {
    /** Called before the job is submitted (e.g. to note the jobs the cluster has run so far). */
    void startJob() throws Exception;

    /** Parts read per worker (by its id) in the job since {@link #startJob}. */
    Map<String, Long> perWorker() throws Exception;
  }

  /**
   * Computes the statistics of the taxi rows {@code copies} times over on the cluster, checks their
   * counts against the taxi file's, and returns the parts each of the cluster's {@code workers} read. Both engines hand the
   * parts out as the workers ask for them (the next split to a free task), so a worker whose task
   * starts after the other one has taken every part reads none: seen once in CI, a TaskManager's task
   * deployed over 8 s after the other's on a loaded machine. The job then runs again, at most three
   * times in all, until every worker has read a part; the returned counts are the last run's.
   */
  protected Map<String, Long> partsReadByEveryWorker(int copies, int workers, PartsRead parts) throws Exception {
    Path big = taxiCsvRepeated(copies);
    DatasetFeatureStatistics small = csvStatistics("small", taxiCsv(), List.of());
    Map<String, Long> read = Map.of();
    for (int run = 1; run <= 3 && (read.size() < workers || read.containsValue(0L)); run++) {
      parts.startJob();
      long t0 = System.nanoTime();
      DatasetFeatureStatistics onCluster = csvStatistics("big-" + run, big, runnerArgs());
      read = parts.perWorker();
      System.out.printf("run %d: stats of %d rows on the cluster in %.1f s, CSV parts read per worker: %s%n", run,
          onCluster.numExamples(), (System.nanoTime() - t0) / 1e9, read);
      assertEquals(copies * small.numExamples(), onCluster.numExamples());
      for (var feature : small.features()) {
        assertEquals(copies * feature.commonStats().numNonMissing(),
            onCluster.requireFeature(feature.name()).commonStats().numNonMissing(), feature.name());
      }
    }
    return read;
  }

  protected DatasetFeatureStatistics csvStatistics(String name, List<String> beamArgs) {
    return csvStatistics(name, taxiCsv(), beamArgs);
  }

  /** The statistics of {@code csv} (the library call, {@code CsvStatistics}) into {@code tmp/name}. */
  protected DatasetFeatureStatistics csvStatistics(String name, Path csv, List<String> beamArgs) {
    return WorkerLoss.statistics(csv, tmp.resolve(name), beamArgs);
  }

  /**
   * Runs a command line with the runner's options and returns its output, failing on a non-zero
   * exit: in this JVM, or through the {@code ./beamline} launcher as a user would (the launcher then
   * puts the runner module on the class path) when {@link #submitsThroughLauncher}.
   */
  protected String runnerCommand(List<String> args) throws Exception {
    List<String> all = new ArrayList<>(args);
    all.addAll(runnerArgs());
    if (submitsThroughLauncher()) {
      Launcher.Result r = Launcher.run(tmp, all.toArray(String[]::new));
      assertEquals(0, r.code(), r.out());
      return r.out();
    }
    CliRunner.Result r = CliRunner.run(all.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return r.out();
  }

  /** Whether {@link #runnerCommand} goes through the {@code ./beamline} launcher (a real cluster's test). */
  protected boolean submitsThroughLauncher() {
    return false;
  }

  /**
   * How many jobs the runner's cluster has run so far, or -1 where there is no cluster to ask (an
   * embedded master). A real cluster's test overrides it, so the pipeline test can tell that each of
   * its Beam steps ran there.
   */
  protected int clusterJobs() throws Exception {
    return -1;
  }

  /**
   * The whole demo pipeline through the orchestrator ({@code demo --home H RUNNER OPTIONS}, through
   * {@link #runnerCommand}: ExampleGen, StatisticsGen and the Evaluator on the runner; schema,
   * validation, training and push in the submitting JVM) gives the DirectRunner's answers: the same
   * examples in each split, the same statistics, the same anomalies, every evaluation metric of
   * every slice within 1e-9, the same blessing; and the row check ({@code validate --examples}) of
   * those examples finds the same rows.
   */
  @Test
  public void theDemoPipelineAndTheRowCheckGiveTheDirectRunnersAnswers() throws Exception {
    Path directHome = DirectBaseline.get().home();
    Path home = tmp.resolve("runner-home");
    int jobsBefore = clusterJobs();
    long t0 = System.nanoTime();
    String out = runnerCommand(List.of("demo", "--home", home.toString(), "--data", TAXI_LABELLED));
    assertTrue(out.contains("Blessing:   BLESSED"), out);
    System.out.printf("demo pipeline on the runner: %.1f s%n", (System.nanoTime() - t0) / 1e9);

    String examples = only(directHome, "ExampleGen/examples");
    String otherExamples = only(home, "ExampleGen/examples");
    for (String split : List.of("train", "eval")) {
      assertEquals(RunnerAgreement.examples(examples, split), RunnerAgreement.examples(otherExamples, split),
          "examples of split " + split);
      RunnerAgreement.assertSameStatistics(
          StatisticsJson.readSplit(only(directHome, "StatisticsGen/statistics"), split).whole(),
          StatisticsJson.readSplit(only(home, "StatisticsGen/statistics"), split).whole());
      assertEquals(Files.readString(Path.of(only(directHome, "ExampleValidator/anomalies"), "Split-" + split, "anomalies.json")),
          Files.readString(Path.of(only(home, "ExampleValidator/anomalies"), "Split-" + split, "anomalies.json")),
          "anomalies of split " + split);
    }
    RunnerAgreement.assertSameMetrics(Path.of(only(directHome, "Evaluator/evaluation"), "metrics.json"),
        Path.of(only(home, "Evaluator/evaluation"), "metrics.json"));
    assertEquals(blessing(directHome), blessing(home));
    assertEquals("BLESSED", blessing(home));

    // The row check of the DirectRunner's examples, on the runner and on the DirectRunner.
    String schema = only(directHome, "SchemaGen/schema");
    runnerCommand(List.of("validate", "--examples", examples, "--schema", schema,
        "--output", tmp.resolve("rows-other").toString()));
    for (String split : List.of("train", "eval")) {
      Path d = DirectBaseline.get().rows().resolve("Split-" + split);
      Path o = tmp.resolve("rows-other").resolve("Split-" + split);
      try (Stream<Path> files = Files.list(d)) {
        for (Path f : files.sorted().toList()) {
          assertEquals(Files.readString(f), Files.readString(o.resolve(f.getFileName().toString())),
              "row check " + split + "/" + f.getFileName());
        }
      }
    }
    assertTrue(RowValidator.summary(tmp.resolve("rows-other").toString(), "eval").examplesWithAnomalies() > 0);
    if (jobsBefore >= 0) {
      // ExampleGen, StatisticsGen and the Evaluator of the demo, then the row check.
      assertEquals(jobsBefore + 4, clusterJobs(), "Beam jobs run on the cluster");
    }
  }

  /**
   * The DirectRunner's answers the runner's must equal: the demo pipeline's home and the row check
   * of its examples. Made once per test JVM (a module's embedded-master and cluster tests share it:
   * about half a minute each of the CI run) in a temporary directory removed when the JVM exits.
   */
  private record DirectBaseline(Path home, Path rows) {
    private static DirectBaseline made;

    static synchronized DirectBaseline get() throws IOException {
      if (made == null) {
        Path dir = Files.createTempDirectory("beamline-direct-baseline");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
        Path home = dir.resolve("home");
        CliRunner.Result demo = CliRunner.run("demo", "--home", home.toString(), "--data", TAXI_LABELLED);
        assertEquals(0, demo.code(), demo.err());
        Path rows = dir.resolve("rows");
        CliRunner.Result check = CliRunner.run("validate", "--examples", only(home, "ExampleGen/examples"),
            "--schema", only(home, "SchemaGen/schema"), "--output", rows.toString());
        assertEquals(0, check.code(), check.err());
        made = new DirectBaseline(home, rows);
      }
      return made;
    }

    private static void deleteQuietly(Path dir) {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory: what is left, the system's cleaning removes
      }
    }
  }

  /** The one artifact directory a home's taxi pipeline holds for NODE/OUTPUT. */
  private static String only(Path home, String nodeOutput) throws IOException {
    try (Stream<Path> dirs = Files.list(home.resolve("artifacts").resolve("chicago_taxi").resolve(nodeOutput))) {
      List<Path> all = dirs.filter(Files::isDirectory).toList();
      assertEquals(1, all.size(), nodeOutput + " in " + home + ": " + all);
      return all.get(0).toString();
    }
  }

  private static String blessing(Path home) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(only(home, "Evaluator/blessing")))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("BLESSED")).findFirst().orElseThrow();
    }
  }
}
