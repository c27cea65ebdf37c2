package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.Json;
import io.beamline.evaluator.Evaluator;
import io.beamline.evaluator.EvaluatorParameters;
import io.beamline.examplegen.ExampleGen;
import io.beamline.examplegen.ExampleGenParameters;
import io.beamline.kfp.KfpCompiler;
import io.beamline.kfp.KfpImage;
import io.beamline.kfp.LocalPipelineRunner;
import io.beamline.kfp.LocalRunResult;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.trainer.Trainer;
import io.beamline.trainer.TrainerParameters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Beamline image that {@code mvn -Pimage package} writes (cli/target/beamline-image.tar): its
 * manifest, config and layers; then, as root, its layers unpacked and run with no container
 * engine (unshare + chroot): the command line's help, and a compiled pipeline whose every step runs
 * inside the image (statistics of a small CSV, training, and an evaluation that loads TensorFlow's
 * natives). Without the tar (a build without -Pimage) nothing runs; without root only the
 * chroot part is skipped, saying so.
 */
class ImageIT {
  /** Set by the image profile only (see cli/pom.xml). */
  private static final String TAR_PROPERTY = "beamline.image.tar";
  private static Path tarFile;
  private static final Path WORK = Path.of("target", "image-it").toAbsolutePath();
  /** Layer file name -> its entries (path -> mode), and the manifest and config. */
  private static final Map<String, Map<String, Integer>> LAYERS = new LinkedHashMap<>();
  private static JsonNode manifest;
  private static JsonNode config;

  @BeforeAll
  static void readTar() throws IOException {
    String tarPath = System.getProperty(TAR_PROPERTY);
    assumeTrue(tarPath != null, "the image is built and tested with -Pimage");
    tarFile = Path.of(tarPath);
    assertTrue(Files.exists(tarFile), "-Pimage did not write " + tarFile);
    Map<String, byte[]> small = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarFile))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (e.getName().endsWith(".json")) {
          small.put(e.getName(), tar.readAllBytes());
        } else if (e.getName().endsWith(".tar.gz")) {
          LAYERS.put(e.getName(), entries(new GZIPInputStream(tar)));
        }
      }
    }
    manifest = Json.tree(new String(small.get("manifest.json"), StandardCharsets.UTF_8)).get(0);
    config = Json.tree(new String(small.get(manifest.path("Config").asText()), StandardCharsets.UTF_8));
  }

  @AfterAll
  static void cleanUp() throws IOException, InterruptedException {
    if (Files.exists(WORK)) {
      run(List.of("rm", "-rf", WORK.toString()), 60);
    }
  }

  @Test
  void configRunsTheCommandLineAsAnUnprivilegedUserWithTheCompiledPipelinesCommand() {
    assertEquals(List.of("beamline:latest"), strings(manifest.path("RepoTags")));
    JsonNode c = config.path("config");
    // The image's entrypoint and the command compiled pipelines give KFP start the same JVM the same way.
    assertEquals(KfpImage.defaults().launcher(), strings(c.path("Entrypoint")));
    assertEquals("1000:1000", c.path("User").asText());
    List<String> env = strings(c.path("Env"));
    assertTrue(env.contains("PATH=/opt/java/bin:/usr/bin:/bin") && env.contains("HOME=/tmp"), env.toString());
    assertEquals("linux", config.path("os").asText());
    assertEquals("amd64", config.path("architecture").asText());
  }

  @Test
  void dependenciesLieBelowTheApplicationAndTheRuntimeIsExecutable() {
    List<String> layers = strings(manifest.path("Layers"));
    assertEquals(layers.size(), LAYERS.size());
    int deps = layerWith(layers, "app/libs/tensorflow-core-native-1.1.0-linux-x86_64.jar");
    int beamline = layerWith(layers, "app/libs/beamline-kfp-0.1.0-SNAPSHOT.jar");
    int classes = layerWith(layers, "app/classes/io/beamline/cli/BeamlineCli.class");
    int runtime = layerWith(layers, "opt/java/bin/java");
    assertTrue(deps < beamline && beamline < classes, "third-party jars, then Beamline's, then the command line: "
        + deps + ", " + beamline + ", " + classes);
    Map<String, Integer> extra = LAYERS.get(layers.get(runtime));
    assertEquals(0755, extra.get("opt/java/bin/java") & 0777);
    assertEquals(0755, extra.get("lib64/ld-linux-x86-64.so.2") & 0777);
    assertTrue(extra.containsKey("lib/x86_64-linux-gnu/libstdc++.so.6"), "TensorFlow's C++ runtime");
    assertTrue(extra.containsKey("opt/beamline/examples/data/taxi/big_tipper.csv"));
    assertEquals(0777, extra.get("tmp") & 0777);
    assertTrue(extra.keySet().stream().noneMatch(p -> p.equals("bin/sh") || p.endsWith("/bin/sh")), "no shell");
  }

  @Test
  void runsInsideTheUnpackedImageWithNoContainerEngine() throws Exception {
    assumeTrue(isRoot(), "not root: the unshare + chroot run of the image is skipped (it needs root)");
    Path rootfs = unpack();
    // The command line, as the image's user.
    Process help = new ProcessBuilder(List.of("unshare", "-m", "-p", "-f", "--mount-proc=" + rootfs + "/proc",
        "chroot", "--userspec=1000:1000", rootfs.toString(), "/opt/java/bin/java", "-cp", "@/app/jib-classpath-file",
        KfpImage.MAIN_CLASS, "--help")).redirectErrorStream(true).start();
    String helpText = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, help.waitFor(), helpText);
    assertTrue(helpText.contains("Usage: beamline") && helpText.contains("kfp"), helpText);

    // A compiled pipeline, every step run by the image's own command inside the image.
    Path shared = Files.createDirectories(WORK.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path csv = shared.resolve("taxi.csv");
    Files.write(csv, Files.readAllLines(Path.of("..", "examples", "data", "taxi", "big_tipper.csv")).subList(0, 1501));
    var gen = Node.of(new ExampleGen()).withParameters(ExampleGenParameters.defaults().withInput(csv.toString()));
    var stats = Node.of(new StatisticsGen()).withInput(StatisticsGen.EXAMPLES, gen.output(ExampleGen.EXAMPLES));
    var schema = Node.of(new SchemaGen()).withInput(SchemaGen.STATISTICS, stats.output(StatisticsGen.STATISTICS));
    var train = Node.of(new Trainer())
        .withParameters(TrainerParameters.forLabel("big_tipper").withExclude(List.of("tips")).withEpochs(2))
        .withInput(Trainer.EXAMPLES, gen.output(ExampleGen.EXAMPLES))
        .withInput(Trainer.SCHEMA, schema.output(SchemaGen.SCHEMA))
        .withInput(Trainer.STATISTICS, stats.output(StatisticsGen.STATISTICS));
    var eval = Node.of(new Evaluator()).withParameters(EvaluatorParameters.forLabel("big_tipper"))
        .withInput(Evaluator.EXAMPLES, gen.output(ExampleGen.EXAMPLES))
        .withInput(Evaluator.MODEL, train.output(Trainer.MODEL))
        .withInput(Evaluator.SCHEMA, schema.output(SchemaGen.SCHEMA));
    Path pipelineRoot = shared.resolve("kfp-root");
    Files.createDirectories(pipelineRoot);
    Files.setPosixFilePermissions(pipelineRoot, PosixFilePermissions.fromString("rwxrwxrwx"));
    LocalRunResult run = LocalPipelineRunner.at(pipelineRoot)
        .withCommandRewrite(LocalPipelineRunner.insideImage(rootfs, shared, "1000:1000"))
        .run(KfpCompiler.forImage(KfpImage.defaults()).compile(Pipeline.of("in_image", gen, stats, schema, train, eval)));
    assertTrue(run.succeeded(), run::report);
    JsonNode counts = run.task("examplegen").metadata("examples").path("split_counts");
    assertEquals(1500, counts.path("train").asLong() + counts.path("eval").asLong(), counts.toString());
    assertEquals(List.of("train", "eval"), strings(run.task("statisticsgen").metadata("statistics").path("split_names")));
    JsonNode overall = run.task("evaluator").metadata("evaluation").path("overall");
    assertEquals(counts.path("eval").asLong(), overall.path("example_count").asLong(), overall.toString());
    double auc = overall.path("auc").asDouble();
    assertTrue(auc > 0.7 && auc <= 1, "a model trained and evaluated inside the image: " + overall);
    assertTrue(Files.isDirectory(run.runRoot().resolve("trainer").resolve("model").resolve("Format-Serving")));
  }

  private static Path unpack() throws IOException, InterruptedException {
    run(List.of("rm", "-rf", WORK.toString()), 60);
    Path tarDir = Files.createDirectories(WORK.resolve("tar"));
    Path rootfs = Files.createDirectories(WORK.resolve("rootfs"));
    run(List.of("tar", "-xf", tarFile.toAbsolutePath().toString(), "-C", tarDir.toString()), 120);
    for (String layer : strings(manifest.path("Layers"))) {
      run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", tarDir.resolve(layer).toString(), "-C", rootfs.toString()), 300);
    }
    Files.createDirectories(rootfs.resolve("proc"));
    return rootfs;
  }

  private static Map<String, Integer> entries(InputStream gz) throws IOException {
    Map<String, Integer> out = new LinkedHashMap<>();
    TarArchiveInputStream layer = new TarArchiveInputStream(gz);
    for (TarArchiveEntry e; (e = layer.getNextEntry()) != null; ) {
      out.put(e.getName().replaceAll("^/|/$", ""), e.getMode());
    }
    return out;
  }

  private static int layerWith(List<String> layers, String path) {
    for (int i = 0; i < layers.size(); i++) {
      if (LAYERS.get(layers.get(i)).containsKey(path)) {
        return i;
      }
    }
    throw new AssertionError("no layer holds " + path);
  }

  private static boolean isRoot() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u").start();
    String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return id.waitFor() == 0 && uid.equals("0");
  }

  private static void run(List<String> command, int seconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(seconds, TimeUnit.SECONDS) && p.exitValue() == 0, command + ": " + out);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

}
