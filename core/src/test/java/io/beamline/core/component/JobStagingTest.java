package io.beamline.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStagingTest {
  @TempDir Path tmp;

  @Test
  void stagesWhatTheClusterLacksAndBeamButNeverTheEngine() throws IOException {
    Path classes = Files.createDirectories(tmp.resolve("app/classes"));
    Path app = jar(tmp.resolve("lib/beamline-statsgen-1.jar"), null);
    Path sketches = jar(tmp.resolve("lib/datasketches-java-7.0.1.jar"), null);
    Path beam = jar(tmp.resolve("lib/beam-sdks-java-core-2.62.0.jar"), null);
    Path beamAgain = jar(tmp.resolve("runner/beam-sdks-java-core-2.62.0.jar"), null);
    Path guava = jar(tmp.resolve("lib/guava-33.jar"), null);
    Path flink = jar(tmp.resolve("runner/flink-runtime-1.19.0.jar"), null);
    Path direct = jar(tmp.resolve("lib/beam-runners-direct-java-2.62.0.jar"), null);
    Path logging = jar(tmp.resolve("lib/slf4j-simple-2.0.16.jar"), null);
    Path natives = jar(tmp.resolve("lib/tensorflow-core-native-1.1.0-linux-x86_64.jar"), null);
    Path protos = jar(tmp.resolve("lib/tensorflow-core-native-1.1.0.jar"), null);
    Path sqlite = jar(tmp.resolve("lib/sqlite-jdbc-3.54.1.0.jar"), null);
    Path postgres = jar(tmp.resolve("lib/postgresql-42.7.4.jar"), null);
    Path missing = tmp.resolve("lib/gone-1.jar");
    Set<String> cluster = Set.of("beam-sdks-java-core-2.62.0.jar", "guava-33.jar", "flink-runtime-1.19.0.jar");

    List<String> staged = JobStaging.filesToStage(
        List.of(classes, app, sketches, beam, beamAgain, guava, flink, direct, logging, natives, protos, sqlite, postgres,
            missing),
        cluster, name -> name.startsWith("flink-"));

    assertEquals(List.of(classes.toString(), app.toString(), sketches.toString(), beam.toString(), protos.toString()),
        staged);
  }

  /**
   * A cluster that reports its class path and holds every jar a job needs (a snapshot with the same
   * bytes, a release by its name, wherever the cluster keeps them) gets one empty jar: Beam would
   * read an empty list as "stage the class path". The runner module's own classes are not needed.
   */
  @Test
  void aClusterThatHoldsEveryJarGetsAnEmptyJar() throws IOException {
    Path runner = Files.createDirectories(tmp.resolve("runner/classes"));
    Path app = jar(tmp.resolve("lib/beamline-core-1-SNAPSHOT.jar"), null);
    Path sketches = jar(tmp.resolve("lib/datasketches-java-7.0.1.jar"), null);
    Path beam = jar(tmp.resolve("lib/beam-sdks-java-core-2.62.0.jar"), null);
    Path flink = jar(tmp.resolve("runner/flink-runtime-1.19.0.jar"), null);
    Path direct = jar(tmp.resolve("lib/beam-runners-direct-java-2.62.0.jar"), null);
    Path appCopy = Files.copy(app, Files.createDirectories(tmp.resolve("cluster/lib")).resolve(app.getFileName()));
    List<String> cluster = List.of(appCopy.toString(), "/elsewhere/datasketches-java-7.0.1.jar",
        "/elsewhere/beam-sdks-java-core-2.62.0.jar", "/elsewhere/flink-runtime-1.19.0.jar");

    List<String> staged = JobStaging.filesToStage(List.of(runner, app, sketches, beam, flink, direct), Set.of(), cluster,
        name -> name.startsWith("flink-"), runner);

    assertEquals(List.of(JobStaging.emptyJar().toString()), staged);
    try (JarFile empty = new JarFile(staged.get(0))) {
      assertEquals(List.of("META-INF/MANIFEST.MF"), empty.stream().map(JarEntry::getName).toList());
    }
  }

  /**
   * A snapshot rebuilt since the cluster started (other bytes under the same name), or a directory
   * of classes (never counted as held), makes the job ship by the names rule: everything but the
   * jars the runner's build lists, Beam included, and the jars the cluster holds too (a Beamline
   * class left to the cluster's loader would extend the cluster's Beam, not the job's).
   */
  @Test
  void aRebuiltSnapshotOrADirectoryIsShippedWithBeam() throws IOException {
    Path app = jar(tmp.resolve("lib/beamline-core-1-SNAPSHOT.jar"), null);
    Path sketches = jar(tmp.resolve("lib/datasketches-java-7.0.1.jar"), null);
    Path guava = jar(tmp.resolve("lib/guava-33.jar"), null);
    Path beam = jar(tmp.resolve("lib/beam-sdks-java-core-2.62.0.jar"), null);
    Path old = jar(tmp.resolve("cluster/lib/beamline-core-1-SNAPSHOT.jar"), "an-older-build.jar");
    List<String> cluster = List.of(old.toString(), "/elsewhere/datasketches-java-7.0.1.jar",
        "/elsewhere/beam-sdks-java-core-2.62.0.jar");

    assertEquals(List.of(app.toString(), sketches.toString(), beam.toString()), JobStaging.filesToStage(
        List.of(app, sketches, guava, beam), Set.of("guava-33.jar"), cluster, name -> false, null));

    Path classes = Files.createDirectories(tmp.resolve("app/classes"));
    Files.copy(app, old, StandardCopyOption.REPLACE_EXISTING);
    List<String> clusterWithClasses = List.of(old.toString(), classes.toString(),
        "/elsewhere/datasketches-java-7.0.1.jar", "/elsewhere/beam-sdks-java-core-2.62.0.jar");
    assertEquals(List.of(classes.toString(), app.toString(), sketches.toString(), beam.toString()), JobStaging.filesToStage(
        List.of(classes, app, sketches, beam), Set.of(), clusterWithClasses, name -> false, null));
  }

  @Test
  void theClassPathIncludesWhatAJarsManifestNames() throws IOException {
    Path lib = jar(tmp.resolve("cli/lib/a-1.jar"), null);
    Path cli = jar(tmp.resolve("cli/cli.jar"), "lib/a-1.jar lib/b-1.jar");
    jar(tmp.resolve("cli/lib/b-1.jar"), null);
    String saved = System.getProperty("java.class.path");
    try {
      System.setProperty("java.class.path", cli + File.pathSeparator + lib);
      assertEquals(List.of(cli, lib, tmp.resolve("cli/lib/b-1.jar")), JobStaging.classpath());
    } finally {
      System.setProperty("java.class.path", saved);
    }
  }

  @Test
  void readsTheClusterJarsABuildListed() {
    Set<String> names = JobStaging.clusterJars(JobStagingTest.class, "cluster-jars.txt");
    assertEquals(Set.of("beam-sdks-java-core-2.62.0.jar", "flink-runtime-1.19.0.jar"), names);
    assertEquals("--filesToStage=a.jar,b/", JobStaging.option(List.of("a.jar", "b/")));
  }

  private static Path jar(Path path, String classPath) throws IOException {
    Files.createDirectories(path.getParent());
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, m)) {
      jar.flush();
    }
    return path;
  }
}
