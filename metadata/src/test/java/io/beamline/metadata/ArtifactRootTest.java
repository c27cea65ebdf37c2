package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactRootTest {
  @Test
  void localPathBecomesAbsolute(@TempDir Path dir) {
    ArtifactRoot root = ArtifactRoot.of(dir.resolve("artifacts") + "/");
    assertEquals(dir.toAbsolutePath() + "/artifacts/taxi/ExampleGen/examples/7/",
        root.outputUri("taxi", "ExampleGen", "examples", 7));
  }

  @Test
  void relativePathIsResolvedAgainstWorkingDirectory() {
    assertEquals(Path.of("home/artifacts").toAbsolutePath().toString(),
        ArtifactRoot.of("home/artifacts").uri());
  }

  @Test
  void cloudUrisAreKeptAsGiven() {
    assertEquals("gs://bucket/x/taxi/StatisticsGen/statistics/12/",
        ArtifactRoot.of("gs://bucket/x//").outputUri("taxi", "StatisticsGen", "statistics", 12));
    assertEquals("s3://b/p/n/k/1/", ArtifactRoot.of("s3://b").outputUri("p", "n", "k", 1));
  }

  @Test
  void rejectsBadNames() {
    ArtifactRoot root = ArtifactRoot.of("gs://bucket");
    assertEquals("Output URI: node 'a/b' must not contain '/', '\\' or '..'",
        assertThrows(MetadataStoreException.class, () -> root.outputUri("p", "a/b", "k", 1))
            .getMessage());
    assertEquals("Output URI: pipeline '..' must not contain '/', '\\' or '..'",
        assertThrows(MetadataStoreException.class, () -> root.outputUri("..", "n", "k", 1))
            .getMessage());
    assertEquals("Output URI: output key must not be blank, got ''",
        assertThrows(MetadataStoreException.class, () -> root.outputUri("p", "n", "", 1))
            .getMessage());
    assertEquals("Output URI: execution id must be positive, got 0",
        assertThrows(MetadataStoreException.class, () -> root.outputUri("p", "n", "k", 0))
            .getMessage());
    assertEquals("Artifact root 'gs://' names no bucket or host",
        assertThrows(MetadataStoreException.class, () -> ArtifactRoot.of("gs://")).getMessage());
  }
}
