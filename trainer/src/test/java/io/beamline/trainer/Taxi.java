package io.beamline.trainer;

import io.beamline.core.component.ArtifactUris;
import io.beamline.examplegen.ExampleGen;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.StatisticsGen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The labelled Chicago taxi sample as the upstream components produce it: Examples (train/eval hash
 * split), train statistics and an inferred schema. Built once per test JVM, since every trainer
 * test starts from it.
 */
final class Taxi {
  static final String LABEL = "big_tipper";
  private static Taxi instance;

  final String examples;
  final String statistics;
  final String schema;

  private Taxi(Path dir) {
    Path csv = Paths.get("..", "examples", "data", "taxi", "big_tipper.csv").toAbsolutePath().normalize();
    examples = ExampleGen.from(csv.toString())
        .withBeamArgs("--enforceImmutability=false", "--enforceEncodability=false")
        .run(dir.toString()).output(ExampleGen.EXAMPLES).uri();
    statistics = StatisticsGen.run(examples, ArtifactUris.child(dir.toString(), "statistics"))
        .output(StatisticsGen.STATISTICS).uri();
    schema = SchemaGen.run(statistics, ArtifactUris.child(dir.toString(), "schema")).output(SchemaGen.SCHEMA).uri();
  }

  static synchronized Taxi get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("beamline-trainer-taxi");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        instance = new Taxi(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** The parameters: label big_tipper, tips excluded (it leaks the label), a few big-batch epochs. */
  static TrainerParameters parameters() {
    return TrainerParameters.forLabel(LABEL).withExclude(List.of("tips")).withBatchSize(512).withEpochs(4)
        .withOptimizer(OptimizerType.ADAM, 0.05);
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort at JVM exit: a leftover temp directory is harmless.
    }
  }
}
